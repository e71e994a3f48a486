import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * Reads a file in blocks into one reused buffer: no allocation per block, so scanning a huge file
 * costs the same memory as a small one. Each yielded view is valid only until the next one is
 * requested: copy what must be kept. The reads are synchronous: a block from the page cache takes
 * microseconds, less than handing it to libuv's thread pool and back (the scan has nothing to
 * overlap them with).
 */
export async function* readBlocks(handle: FileHandle, blockSize = 1024 * 1024): AsyncGenerator<Buffer> {
  const block = Buffer.allocUnsafe(blockSize);
  for (;;) {
    const bytesRead = readSync(handle.fd, block, 0, blockSize, null);
    if (bytesRead === 0) return;
    yield block.subarray(0, bytesRead);
  }
}
