// Chart styling that every spec shares: the brief's sans font, sizes and a
// palette that stays distinct in greyscale print.
import { SANS } from '../layout/fonts.ts';
import { colour } from '../layout/theme.ts';

export const chartConfig = {
  font: SANS,
  view: { stroke: null },
  axis: { labelFontSize: 8.5, titleFontSize: 8.5, titleFontWeight: 'normal', titleColor: colour.muted, labelColor: colour.ink, domainColor: colour.rule, tickColor: colour.rule, gridColor: '#e3e8ee' },
  axisY: { grid: false, domain: false, ticks: false, labelPadding: 6 },
  header: { labelFontSize: 9, labelFontWeight: 'bold', labelColor: colour.accent },
  legend: { labelFontSize: 8.5, titleFontSize: 8.5, orient: 'bottom', symbolSize: 60 },
  text: { fontSize: 8.5, color: colour.ink },
  range: { category: [colour.accent, '#c2553a', '#8fa8c4', '#5b6570'] },
};
