import type { Messages } from './en';
import { en } from './en';

/** TODO translate */
export const da: Messages = { ...en };
