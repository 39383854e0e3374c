import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import type { ErrorReason } from '../errors/error-reasons';

/**
 * Trims a string input (each string of an array) before it is validated and stored: " 高效电池 " and "高效电池" are
 * the same title, and a whitespace-only value becomes "" (which `@IsNotBlank` or a length bound then refuses).
 * Other values pass unchanged (the type validators speak about them).
 */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'string') return value.trim();
    if (Array.isArray(value)) return value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item));
    return value;
  });
}

/** What a validation failure carries for the API's validation pipe: the reason whose zh/en message it shows. */
export interface ValidationReasonContext {
  reason: ErrorReason;
}

/**
 * Refuses a string that is empty or whitespace only (`TEXT_BLANK`, "… must not be blank / 不能为空"). Pair it with
 * `@Trim()` so what is stored is the trimmed text.
 */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0,
        defaultMessage: () => '$property must not be blank',
      },
    },
    {
      ...options,
      context: { reason: 'TEXT_BLANK', ...(options?.context as object) } satisfies ValidationReasonContext,
    },
  );
}

/**
 * 技术合同登记号, the number the technology-market registration office (技术合同认定登记机构) gives a registered
 * contract. The national format we accept: the 4-digit year of registration (19xx/20xx), the 6-digit
 * administrative-division code (行政区划代码, first digit 1–8) of the registration office, and its sequence of 4 to 8
 * digits (offices that number per sub-office put the sub-office's digits first) — 14 to 18 digits in all, e.g.
 * `2024110108000123` (2024, Beijing Haidian 110108, number 000123). Spaces and hyphens people type are removed
 * first (`NormaliseRegistrationNumber`).
 */
export const TECH_CONTRACT_REGISTRATION_NUMBER = /^(19|20)\d{2}[1-8]\d{5}\d{4,8}$/;

/** Refuses a registration number not in the national format (`REGISTRATION_NUMBER_INVALID`); see the pattern. */
export function IsTechContractRegistrationNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTechContractRegistrationNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && TECH_CONTRACT_REGISTRATION_NUMBER.test(value),
        defaultMessage: () =>
          '$property must be a 技术合同登记号: the 4-digit year, the 6-digit region code and a 4–8 digit sequence',
      },
    },
    {
      ...options,
      context: {
        reason: 'REGISTRATION_NUMBER_INVALID',
        ...(options?.context as object),
      } satisfies ValidationReasonContext,
    },
  );
}

/** Removes the separators people type into a registration number (spaces, hyphens). */
export function NormaliseRegistrationNumber(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/[\s\-－]/g, '') : value,
  );
}
