import type { CollectionName } from './collections'
import type { Doc, Storage } from './types'

/**
 * Writes a whole document whether or not it exists, outside any larger transaction: the cheap create first
 * (the usual case for fresh ids), a one-document transaction only when the id is already there.
 */
export async function putDoc<T extends Doc>(storage: Storage, collection: CollectionName, doc: T): Promise<void> {
  if ((await storage.create(collection, doc)) === 'exists') await storage.transaction((tx) => tx.set(collection, doc))
}
