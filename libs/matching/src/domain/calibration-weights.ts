// Written by `npm run matching:train`; do not edit by hand (see libs/matching/README.md, "Calibration").
import { FittedCalibration } from './calibration';

export const FITTED_CALIBRATION: FittedCalibration = {
  features: ['textRelative', 'textAbsolute', 'coverage', 'adjustment', 'typeRank'],
  byType: {
    ACHIEVEMENT: {
      bias: -4.296066241199972,
      weights: [1.9428494652298969, 0.20303003072998219, 1.2423224414199583, 0.20245169975560076, 2.1295264178196525],
    },
    EXPERT: {
      bias: -2.806007204048497,
      weights: [1.1186434466614208, 0.03133309228364888, 0.36658946925813346, 0, 1.031296652628218],
    },
  },
  threshold: 0.0933,
  fittedOn: ['dev-zh', 'scifact-train'],
  crossValidatedNdcg10: {
    'dev-zh': 0.9179,
    'scifact-train': 0.7027,
  },
};
