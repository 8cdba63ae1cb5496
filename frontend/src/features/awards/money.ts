import type { Schemas } from '@/api/client';
import { fractionParts } from '@/lib/fraction';

export type AwardCatalog = Schemas['AwardCatalogOut'];

/**
 * Multiplier x base salary, rounded up to the catalog's step, in integers as on the server (the multiplier
 * may be a fraction such as "3/5"): a preview; the server fixes the amount when the proposal is made.
 * `baseSalary` is the catalog's unless another is asked about (the settings page's "before and after").
 */
export function awardMoney(
  catalog: AwardCatalog,
  form: string,
  recipient: string,
  baseSalary: number = catalog.base_salary,
): { multiplier: number; amount: number } | undefined {
  const multiplier = catalog.forms.find((f) => f.code === form)?.multipliers[recipient] as string | undefined;
  if (multiplier === undefined) return undefined;
  const [numerator, denominator] = fractionParts(multiplier);
  const steps = Math.ceil((numerator * baseSalary) / (denominator * catalog.rounding_step));
  return { multiplier: numerator / denominator, amount: steps * catalog.rounding_step };
}
