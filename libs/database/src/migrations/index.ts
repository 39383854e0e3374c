// Migrations in the order they run. `npm run migration:generate -- <Name>` writes a new file and appends it here.
import { Init1795724320881 } from './1795724320881-Init';
export const MIGRATIONS = [Init1795724320881];
