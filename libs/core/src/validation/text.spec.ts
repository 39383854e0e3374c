import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsNotBlank, IsTechContractRegistrationNumber, NormaliseRegistrationNumber, Trim } from './text';

class Probe {
  @Trim() @IsNotBlank() title: string;
  @Trim() tags: string[];
  @NormaliseRegistrationNumber() @IsTechContractRegistrationNumber() number: string;
}

function check(plain: Record<string, unknown>) {
  const probe = plainToInstance(Probe, { title: '标题', tags: [], number: '2024110108000123', ...plain });
  return { probe, errors: validateSync(probe) };
}

describe('text input decorators', () => {
  it('trims strings and the strings of arrays', () => {
    expect(check({ title: '  固态电池\u3000', tags: [' a ', 'b'] }).probe).toMatchObject({
      title: '固态电池',
      tags: ['a', 'b'],
    });
  });

  it('refuses blank text with the TEXT_BLANK reason in its context', () => {
    const [error] = check({ title: ' \t\u3000 ' }).errors;
    expect(error.property).toBe('title');
    expect(error.contexts?.isNotBlank).toEqual({ reason: 'TEXT_BLANK' });
  });

  it.each(['2024110108000123', '2024 1101 0800 0123', '2024-110108-000123', '20193101150001', '202644010600012345'])(
    'accepts the registration number %s',
    (number) => expect(check({ number }).errors).toEqual([]),
  );

  it.each([
    '',
    'REG-1',
    '1101082024000123',
    '2024010108000123',
    '2024110108000',
    '2024110108000123456',
    '2024110108O00123',
  ])('refuses the registration number %j (REGISTRATION_NUMBER_INVALID)', (number) => {
    const [error] = check({ number }).errors;
    expect(error.contexts?.isTechContractRegistrationNumber).toEqual({ reason: 'REGISTRATION_NUMBER_INVALID' });
  });
});
