import type { Logger } from './logger.js';

/**
 * Progress of long work: a bar redrawn in place on a terminal, a plain line every 10% elsewhere
 * (logs, CI), so neither floods the output.
 */
export function progressReporter(label: string, logger: Logger, stream: NodeJS.WriteStream = process.stderr) {
  let lastDecile = -1;
  return ({ done, total }: { done: number; total: number }) => {
    if (total === 0) return;
    const ratio = done / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done >= total) stream.write('\n');
      return;
    }
    const decile = Math.floor(ratio * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      logger.info({ done, total }, `${label}: ${done}/${total}`);
    }
  };
}
