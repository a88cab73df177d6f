/** One line per event, `key=value` after the message, so a venue laptop's terminal stays readable. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createConsoleLogger(): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>): string => {
    const parts = Object.entries(fields ?? {}).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
    return [new Date().toISOString(), level, message, ...parts].join(' ');
  };
  return {
    info: (message, fields) => console.log(line('info', message, fields)),
    warn: (message, fields) => console.warn(line('warn', message, fields)),
    error: (message, fields) => console.error(line('error', message, fields)),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
