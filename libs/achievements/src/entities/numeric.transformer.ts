import { ValueTransformer } from 'typeorm';

/** pg returns numeric as a string (to keep precision); our numerics are small enough for a JS number. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
