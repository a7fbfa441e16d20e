/**
 * A structured logger: one JSON object per line, with `timestamp`, `level`, `requestId` and
 * `message`, which is the shape Lambda's JSON log format uses, so CloudWatch Logs Insights and
 * filter patterns like `{ $.level = "ERROR" }` work on it. Levels below LOG_LEVEL (default INFO)
 * are dropped.
 */
const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LEVELS)[number];
export type Logger = Record<Lowercase<LogLevel>, (message: string, fields?: Record<string, unknown>) => void>;

function threshold(): number {
  const configured = (process.env['LOG_LEVEL'] ?? 'INFO').toUpperCase();
  return Math.max(0, LEVELS.indexOf(configured as LogLevel));
}

export function createLogger(requestId?: string): Logger {
  const minimum = threshold();
  const write = (level: LogLevel) => (message: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS.indexOf(level) < minimum) return;
    const line = JSON.stringify({ timestamp: new Date().toISOString(), level, requestId, message, ...fields });
    (level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return { debug: write('DEBUG'), info: write('INFO'), warn: write('WARN'), error: write('ERROR') };
}
