// Migrations in the order they run. `npm run migration:generate -- <Name>` writes a new file and appends it here.
import { Outbox1795724524284 } from './1795724524284-Outbox';
import { Init1795724320881 } from './1795724320881-Init';
export const MIGRATIONS = [Init1795724320881, Outbox1795724524284];
