/** What every request handler can reach through `c.var`. */
import type { Db } from '../db/client';

export interface AppEnv {
  Variables: {
    db: Db;
    requestId: string;
  };
}
