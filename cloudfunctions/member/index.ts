import { FUNCTIONS } from '../../server/functions'
import { cloudbaseHandler } from '../../server/platform/cloudbase'

export const main = cloudbaseHandler(FUNCTIONS.member)
