import { checkIndicators, demandRequirements, Figure, parseFigures, sameQuantity, verdict } from './indicators';

/** The one figure of a text, without its display (checked separately). */
const one = (text: string) => {
  const figures = parseFigures(text);
  expect(figures).toHaveLength(1);
  const { display: _display, ...rest } = figures[0];
  return rest;
};
const close = (actual: number, expected: number) => expect(actual / expected).toBeCloseTo(1, 9);

describe('technical indicators: parsing', () => {
  it.each([
    // [text, quantity, comparator, value in base unit, base unit]
    ['能量密度≥500 Wh/kg', '能量密度', '>=', 0.5, 'Wh/g'],
    ['能量密度达到520Wh/kg以上', '能量密度', '>=', 0.52, 'Wh/g'],
    ['颗粒粒径0.1 μm以下', '颗粒粒径', '<=', 1e-7, 'm'],
    ['颗粒粒径 0.1 µm 以下', '颗粒粒径', '<=', 1e-7, 'm'], // micro sign U+00B5
    ['pore size under 0.1 um', 'pore size', '<', 1e-7, 'm'],
    ['循环寿命不低于30 万次', '循环寿命', '>=', 300_000, '次'],
    ['识别准确率不低于95%', '识别准确率', '>=', 95, '%'],
    ['识别准确率≥95％', '识别准确率', '>=', 95, '%'], // full-width percent
    ['耐压 10 kV', '耐压', '=', 10_000, 'V'],
    ['额定电压10KV', '额定电压', '=', 10_000, 'V'],
    ['响应时间不超过 200 毫秒', '响应时间', '<=', 0.2, 's'],
    ['响应时间 200ms 以内', '响应时间', '<=', 0.2, 's'],
    ['续航至少10小时', '续航', '>=', 36_000, 's'],
    ['拉伸强度≥25MPa', '拉伸强度', '>=', 25e6, 'Pa'],
    ['抗压强度大于 1.2 GPa', '抗压强度', '>', 1.2e9, 'Pa'],
    ['噪声低于45 dB(A)', '噪声', '<', 45, 'dB'],
    ['工作温度高于150℃', '工作温度', '>', 150, '°C'],
    ['额定功率5千瓦', '额定功率', '=', 5000, 'W'],
    ['单机容量 1.5 MW', '单机容量', '=', 1.5e6, 'W'],
    ['电池容量3000mAh', '电池容量', '=', 3, 'Ah'],
    ['储能容量 2 万千瓦时', '储能容量', '=', 2e7, 'Wh'],
    ['产能达到6万吨/年', '产能', '=', 6e10 / (365.25 * 86_400), 'g/s'],
    ['导热系数8.5W/(m·K)', '导热系数', '=', 8.5, 'W/(m·K)'],
    ['PM2.5≤35μg/m³', 'PM2.5', '<=', 35e-6, 'g/m3'],
    ['占地面积不超过 200 平方米', '占地面积', '<=', 200, 'm2'],
    ['年误报率小于0.5次/舱', '年误报率', '<', 0.5, '次'],
    ['转速 3000 rpm 以上', '转速', '>=', 3000, 'rpm'],
    ['energy density of at least 500 Wh/kg', 'energy density', '>=', 0.5, 'Wh/g'],
    ['cycle life ≥ 3,000 cycles at 1C', 'cycle life', '>=', 3000, '次'],
    ['inference latency no more than 100 ms', 'inference latency', '<=', 0.1, 's'],
    ['a model size up to 5 MB', 'model size', '<=', 5e6, 'B'],
    ['throughput of 2 GB/s or more', 'throughput', '>=', 2e9, 'B/s'],
    ['operating voltage above 1,000 V', 'operating voltage', '>', 1000, 'V'],
    ['runtime over 8 hours', 'runtime', '>', 8 * 3600, 's'],
    ['accuracy of 95 percent or higher', 'accuracy', '>=', 95, '%'],
    ['at least 1 million cycles', '', '>=', 1e6, '次'],
    ['NPU算力不低于 0.5 TOPS', 'NPU算力', '>=', 0.5e12, 'OPS'],
    ['矫顽力Hcj≥25kOe', '矫顽力Hcj', '>=', 25_000, 'Oe'],
    ['检测下限1ppm', '检测下限', '=', 1, 'ppm'],
    ['剩磁下降不超过2%', '剩磁下降', '<=', 2, '%'],
  ])('%s', (text, quantity, comparator, value, unit) => {
    const figure = one(text);
    expect(figure.quantity).toBe(quantity);
    expect(figure.comparator).toBe(comparator);
    close(figure.value, value);
    expect(figure.unit).toBe(unit);
  });

  it('reads ranges with one unit or two, Chinese and English separators, and a shared multiplier', () => {
    const range = (text: string) => {
      const [figure] = parseFigures(text);
      return [figure.comparator, figure.value, figure.max, figure.unit];
    };
    expect(range('300–500 Wh/kg')).toEqual(['range', 0.3, 0.5, 'Wh/g']);
    expect(range('300-500Wh/kg')).toEqual(['range', 0.3, 0.5, 'Wh/g']);
    expect(range('可于热失控前12–20分钟发出预警')).toEqual(['range', 720, 1200, 's']);
    expect(range('-40℃至150℃长期使用')).toEqual(['range', -40, 150, '°C']);
    expect(range('镝用量约4~5wt%')).toEqual(['range', 4, 5, 'wt%']);
    expect(range('寿命3–5万次')).toEqual(['range', 30_000, 50_000, '次']);
    expect(range('寿命3万到5万次')).toEqual(['range', 30_000, 50_000, '次']);
    expect(range('between 3 and 5 mm')).toEqual(['range', 0.003, 0.005, 'm']);
    expect(range('from 10 to 20 kV')).toEqual(['range', 10_000, 20_000, 'V']);
  });

  it('keeps the text as written for display and names each figure by its own clause', () => {
    const figures = parseFigures(
      '所得薄膜纵向拉伸强度28MPa、断裂伸长率420%，原料成本较常规配方降低约30%；在280Ah电芯过充试验中可于热失控前12–20分钟发出预警。',
    );
    expect(figures.map((f) => [f.quantity, f.display])).toEqual([
      ['所得薄膜纵向拉伸强度', '28MPa'],
      ['断裂伸长率', '420%'],
      ['原料成本较常规配方降低', '30%'],
      ['电芯过充试验中可', '280Ah'], // nothing before it in its clause: the words after it
      ['芯过充试验中可于热失控前', '12–20分钟'], // after the previous figure, the nearest 12 characters
    ]);
    expect(parseFigures('280Ah')[0]).toMatchObject({ unit: 'Ah', value: 280, display: '280Ah' });
  });

  it('names a figure by the words after it when nothing precedes it in its clause', () => {
    expect(parseFigures('需要达到以下指标：500 Wh/kg energy density')[0].quantity).toBe('energy density');
    expect(parseFigures('指标：10分钟内发出预警')[0]).toMatchObject({ quantity: '发出预警', comparator: '<=' });
  });

  it('leaves out money, bare numbers, dates, model names and chemical formulas', () => {
    expect(parseFigures('预算80万元，总投资1.2亿，RMB 400k')).toEqual([]);
    expect(parseFigures('2025年完成验收，共3个门店')).toEqual([]);
    expect(parseFigures('牌号38UH、40SH，支持4G和H2、CO2检测')).toEqual([]);
    expect(parseFigures('第2代产品, 1U机箱')).toEqual([]);
  });

  it('does not read a word that begins with a unit as that unit', () => {
    expect(parseFigures('3 models and 5 mice')).toEqual([]);
    expect(parseFigures('a turnover 5 m')[0].comparator).toBe('='); // "over" inside a word is no comparator
  });
});

describe('technical indicators: requirements of a demand', () => {
  it('takes the text figures that carry a comparator, not the ones that describe the present state', () => {
    const requirements = demandRequirements(
      '我司快递袋纵向拉伸强度约15MPa，希望拉伸强度≥25MPa，断裂伸长率≥300%，综合成本降低20%以上。预算80万元。',
    );
    expect(requirements.map((r) => [r.quantity, r.comparator, r.display])).toEqual([
      ['拉伸强度', '>=', '25MPa'],
      ['断裂伸长率', '>=', '300%'],
      ['综合成本降低', '>=', '20%'],
    ]);
  });

  it('reads structured indicators: a comparator in the target, else the direction from the current value', () => {
    const requirements = demandRequirements('', [
      { name: '能量密度', current: '350 Wh/kg', target: '≥ 500 Wh/kg', mustHave: true },
      { name: '内阻', current: '12 mΩ', target: '8 mΩ' },
      { name: '循环寿命', current: null, target: '3000次' }, // no direction: not a requirement
      { name: '成本', current: null, target: '更低' }, // no figure
    ]);
    expect(requirements.map((r) => [r.quantity, r.comparator, r.value, r.unit, r.mustHave])).toEqual([
      ['能量密度', '>=', 0.5, 'Wh/g', true],
      ['内阻', '<=', 0.008, 'Ω', false],
    ]);
  });

  it('does not count a figure twice when the text repeats a structured indicator', () => {
    const requirements = demandRequirements('能量密度≥500 Wh/kg', [{ name: '能量密度', target: '≥500Wh/kg' }]);
    expect(requirements).toHaveLength(1);
  });
});

describe('technical indicators: comparing', () => {
  const req = (text: string) => ({ ...demandRequirements(text)[0] });
  const fig = (text: string): Figure => parseFigures(text)[0];

  it('compares across SI prefixes and 万', () => {
    expect(verdict(req('能量密度≥500 Wh/kg'), fig('能量密度0.52 kWh/kg'))).toBe('meets');
    expect(verdict(req('能量密度≥500 Wh/kg'), fig('能量密度 480 Wh/kg'))).toBe('fails');
    expect(verdict(req('循环寿命不低于30万次'), fig('循环寿命 350,000 cycles'))).toBe('meets');
    expect(verdict(req('粒径≤0.1μm'), fig('粒径 80 nm'))).toBe('meets');
    expect(verdict(req('粒径≤0.1μm'), fig('粒径 0.2 微米'))).toBe('fails');
    expect(verdict(req('耐压不低于10 kV'), fig('耐压 12000 V'))).toBe('meets');
  });

  it('decides a stated range or bound only when all of it lies on one side', () => {
    const tenMinutes = req('热失控发生前至少10分钟发出预警');
    expect(verdict(tenMinutes, fig('热失控前12–20分钟'))).toBe('meets');
    expect(verdict(tenMinutes, fig('热失控前3–5分钟'))).toBe('fails');
    expect(verdict(tenMinutes, fig('热失控前5–15分钟'))).toBe('unknown');
    expect(verdict(req('误报每年不超过1次'), fig('误报小于0.5次'))).toBe('meets');
    expect(verdict(req('误报每年不超过1次'), fig('误报大于0.5次'))).toBe('unknown');
    expect(verdict(req('工作温度300–500℃'), fig('工作温度 350℃'))).toBe('meets');
    expect(verdict(req('工作温度300–500℃'), fig('工作温度 600℃'))).toBe('fails');
    expect(verdict(req('工作温度300–500℃'), fig('工作温度 200–400℃'))).toBe('unknown');
  });

  it('reads "more than" like "at least" at the boundary', () => {
    expect(verdict(req('超过 20%'), fig('20%'))).toBe('meets');
    expect(verdict(req('低于 10 ms'), fig('10 ms'))).toBe('meets');
  });

  it('matches a quantity by its words, its head or its self-naming unit, and never across units', () => {
    expect(sameQuantity(req('拉伸强度≥25MPa'), fig('纵向拉伸强度28MPa'))).toBeGreaterThan(0);
    expect(sameQuantity(req('拉伸强度≥25MPa'), fig('断裂伸长率28MPa'))).toBe(0);
    expect(sameQuantity(req('综合成本降低20%以上'), fig('原料成本较常规配方降低约30%'))).toBeGreaterThan(0);
    expect(sameQuantity(req('综合成本降低20%以上'), fig('成本提高30%'))).toBe(0); // opposite change
    expect(sameQuantity(req('综合成本降低20%以上'), fig('综合成本30%'))).toBe(0); // a share, not a reduction
    expect(sameQuantity(req('扫描时间不超过8小时'), fig('检测时间20分钟'))).toBe(0); // a generic head
    expect(sameQuantity(req('tensile strength of at least 25 MPa'), fig('tensile strength 28 MPa'))).toBeGreaterThan(0);
    expect(sameQuantity(req('tensile strength of at least 25 MPa'), fig('compressive strength 28 MPa'))).toBe(0);
    expect(sameQuantity(req('能量密度≥500 Wh/kg'), fig('520 Wh/kg'))).toBeGreaterThan(0); // Wh/kg names itself
    expect(sameQuantity(req('准确率≥95%'), fig('95%'))).toBe(0); // a bare percentage names nothing
    expect(sameQuantity(req('能量密度≥500 Wh/kg'), fig('能量密度 500 W/kg'))).toBe(0);
    expect(sameQuantity(req('1C循环寿命不低于3000次'), fig('1C循环寿命3200次'))).toBeGreaterThan(0);
    expect(sameQuantity(req('1C循环寿命不低于3000次'), fig('NCM811循环寿命3200次'))).toBeGreaterThan(0);
  });
});

describe('technical indicators: checks and reasons', () => {
  const listing = parseFigures('本成果电池能量密度达520 Wh/kg，循环寿命1200次，支持-20℃低温放电；拉伸强度28MPa。');

  it('checks each requirement against the best-named figure, and words the reason in the demand language', () => {
    const zh = checkIndicators(
      demandRequirements('要求能量密度≥500 Wh/kg，循环寿命不低于2000次，内阻≤5 mΩ。'),
      listing,
      'zh',
    );
    expect(zh.map((c) => [c.verdict, c.reason])).toEqual([
      ['meets', '能量密度 520 Wh/kg ≥ 500 Wh/kg'],
      ['fails', '循环寿命 1200次，未达到 ≥ 2000次'],
    ]); // 内阻: the listing states no figure — nothing either way
    const en = checkIndicators(
      demandRequirements('energy density of at least 500 Wh/kg, tensile strength of 30 MPa or more'),
      listing,
      'en',
    );
    // Wh/kg names its quantity in any language; MPa does not (拉伸强度 and tensile strength share no word).
    expect(en.map((c) => [c.verdict, c.reason])).toEqual([['meets', 'energy density 520 Wh/kg ≥ 500 Wh/kg']]);
  });

  it('words a range requirement as a range', () => {
    const [check] = checkIndicators(demandRequirements('工作温度300–500℃'), parseFigures('工作温度 350℃'), 'zh');
    expect(check.reason).toBe('工作温度 350°C，在 300–500°C 之内'); // ℃ is °C after NFKC
  });
});
