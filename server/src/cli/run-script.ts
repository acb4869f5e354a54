import { ConfigError, loadConfig, type Config } from '../config';
import { createLogger, type Logger } from '../logger';
import { StartupError } from '../startup-error';

/**
 * Runs a command-line entry point with the product's configuration and logger, printing a bad
 * setting as one clear line and exiting non-zero on failure.
 */
export function runScript(main: (config: Config, logger: Logger) => Promise<number | void>): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`aiofm: configuration error: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  main(config, logger).then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      // Start-up problems the user can fix get one line; anything else also gets the full log entry.
      if (!(error instanceof StartupError)) {
        logger.fatal({ err: error }, error instanceof Error ? error.message : 'failed');
      }
      process.stderr.write(`aiofm: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
