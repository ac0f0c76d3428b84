/** A FIFO mutex for async work: one holder at a time, waiters served in order. */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve()

  async run<T>(work: () => Promise<T> | T): Promise<T> {
    let release!: () => void
    const turn = new Promise<void>((resolve) => (release = resolve))
    const previous = this.tail
    this.tail = previous.then(() => turn)
    await previous
    try {
      return await work()
    } finally {
      release()
    }
  }
}
