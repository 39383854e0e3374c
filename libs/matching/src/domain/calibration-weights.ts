// Written by `npm run matching:train`; do not edit by hand (see libs/matching/README.md, "Calibration").
import { FittedCalibration } from './calibration';

export const FITTED_CALIBRATION: FittedCalibration = {
  features: ['textRelative', 'textAbsolute', 'coverage', 'adjustment', 'typeRank'],
  byType: {
    ACHIEVEMENT: {
      bias: -4.2911387391904885,
      weights: [1.9449216854547107, 0.20291372531890525, 1.2437028661904217, 0.10829749703182956, 2.1325080938196668],
    },
    EXPERT: {
      bias: -2.8268844780654288,
      weights: [1.1285900349889224, 0.03148710961538731, 0.370097625769158, 0, 1.0367372846569702],
    },
  },
  threshold: 0.0916,
  fittedOn: ['dev-zh', 'scifact-train'],
  crossValidatedNdcg10: {
    'dev-zh': 0.9171,
    'scifact-train': 0.7027,
  },
};
