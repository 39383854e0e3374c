/** Solid tag colours with white text at WCAG AA contrast (antd's light presets fall short for green and orange). */
export const TAG_COLOURS = {
  mode: '#24703f',
  warning: '#a14b00',
  danger: '#b3261e',
} as const;
