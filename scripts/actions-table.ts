/** `npm run docs:actions`: prints the README's action and error tables (see scripts/actionsTable.ts). */
import { actionsMarkdown, errorsMarkdown } from './actionsTable'

console.log(`${actionsMarkdown()}\n\n${errorsMarkdown()}`)
