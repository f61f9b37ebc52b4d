import type { Messages } from './en';
import { en } from './en';

/** TODO translate */
export const sv: Messages = { ...en };
