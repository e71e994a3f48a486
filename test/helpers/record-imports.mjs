import { register } from 'node:module';
register('./import-hooks.mjs', import.meta.url);
