// Loaded with `--import` by the cold-start bench's second pass: prints the process's CPU time
// (user + system, ms) as it exits, which a busy or shared machine disturbs far less than wall time.
import process from 'node:process';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\ncpu-ms ${(user + system) / 1000}\n`);
});
