import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const MIGRATIONS = path.join(ROOT, 'migrations');
export const CORPUS = path.resolve(ROOT, '../shared/corpus');
