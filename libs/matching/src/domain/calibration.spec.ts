import { chooseThreshold, fitLogistic, probability, TrainingRow } from './calibration';
import { seededRandom } from './folds';

describe('logistic calibration', () => {
  it('recovers the direction and rough size of a known logistic relation', () => {
    const random = seededRandom(1);
    const rows: TrainingRow[] = [];
    for (let i = 0; i < 4_000; i++) {
      const x = [random(), random()];
      const p = 1 / (1 + Math.exp(-(-3 + 4 * x[0] + 0 * x[1])));
      rows.push({ x, y: random() < p ? 1 : 0 });
    }
    const model = fitLogistic(rows, 2, { l2: 0 });
    expect(model.weights[0]).toBeGreaterThan(3);
    expect(model.weights[0]).toBeLessThan(5);
    expect(Math.abs(model.weights[1])).toBeLessThan(0.6);
    expect(model.bias).toBeGreaterThan(-3.6);
    expect(model.bias).toBeLessThan(-2.4);
  });

  it('gives probabilities that match observed frequencies (calibrated)', () => {
    const rows: TrainingRow[] = [
      ...Array.from({ length: 30 }, () => ({ x: [1], y: 1 })),
      ...Array.from({ length: 10 }, () => ({ x: [1], y: 0 })),
      ...Array.from({ length: 10 }, () => ({ x: [0], y: 1 })),
      ...Array.from({ length: 90 }, () => ({ x: [0], y: 0 })),
    ];
    const model = fitLogistic(rows, 1, { l2: 0 });
    expect(probability(model, [1])).toBeCloseTo(0.75, 2);
    expect(probability(model, [0])).toBeCloseTo(0.1, 2);
  });

  it('regularisation shrinks the weights; sample weights count as repeated rows', () => {
    const rows: TrainingRow[] = [
      { x: [1], y: 1 },
      { x: [1], y: 0 },
      { x: [0], y: 0, w: 3 },
    ];
    const repeated: TrainingRow[] = [rows[0], rows[1], { x: [0], y: 0 }, { x: [0], y: 0 }, { x: [0], y: 0 }];
    const weighted = fitLogistic(rows, 1, { l2: 0, iterations: 200 });
    const plain = fitLogistic(repeated, 1, { l2: 0, iterations: 200 });
    expect(probability(weighted, [1])).toBeCloseTo(probability(plain, [1]), 4);
    expect(Math.abs(fitLogistic(rows, 1, { l2: 100 }).weights[0])).toBeLessThan(Math.abs(weighted.weights[0]));
  });

  it('with no positive example predicts a low base rate instead of failing', () => {
    const model = fitLogistic(
      [
        { x: [1], y: 0 },
        { x: [0], y: 0 },
      ],
      1,
    );
    expect(probability(model, [1])).toBeLessThan(0.05);
  });

  it('chooses the threshold with the best F2 between distinct probabilities', () => {
    const examples = [
      { p: 0.9, relevant: true },
      { p: 0.8, relevant: true },
      { p: 0.5, relevant: false },
      { p: 0.4, relevant: true },
      { p: 0.1, relevant: false },
      { p: 0.05, relevant: false },
    ];
    // Keeping down to 0.4: precision 3/4, recall 1 → F2 0.9375, the best.
    expect(chooseThreshold(examples)).toEqual({ threshold: 0.4, fbeta: expect.closeTo(0.9375, 4) });
    expect(chooseThreshold(examples.map((e) => ({ ...e, relevant: false }))).threshold).toBe(1);
  });
});
