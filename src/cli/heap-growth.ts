/**
 * A many-host run keeps a little of each host and throws away much more (each snapshot parsed, its rules
 * run). V8 grows the heap by up to 4x its live size when collecting is cheap, so the garbage of thousands of
 * hosts is kept around for longer than it need be: peak memory then grows several times faster than what
 * the run really holds. Growing the heap by half its live size at most keeps 5,000 hosts within a few
 * hundred MB for a few percent more time collecting (npm run bench, "Scale").
 */
export function limitHeapGrowth(): void {
  // Loaded here, not at start-up (node:v8 costs milliseconds, and so would node:module for a require):
  // a dynamic import() cannot run in the code-cached bundle (src/cli-loader.cjs).
  process.getBuiltinModule('node:v8').setFlagsFromString('--heap-growing-percent=50');
}
