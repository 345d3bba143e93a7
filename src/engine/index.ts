/**
 * The scoring engine: plain data in, plain data out. No framework, database, file or network
 * access (enforced by ESLint). Points are integers in hundredths; see README.md for rounding.
 */
export * from './decimal';
export * from './default-rules';
export * from './errors';
export * from './format';
export * from './interaction';
export * from './judges';
export * from './preliminary';
export * from './prizes';
export * from './ranking';
export * from './rules';
export * from './validate-rules';
