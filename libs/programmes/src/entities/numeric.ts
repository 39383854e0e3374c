import { ValueTransformer } from 'typeorm';

/** pg returns numeric as a string; amounts (万元, 4 decimals) and scores fit a JS number. */
export const numeric: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
