export { distributionChart, type DistributionBar } from './distribution-chart';
export { funnelChart, type FunnelStep } from './funnel-chart';
export {
  heatLevel,
  heatLevels,
  heatmapChart,
  legendLayout,
  type HeatCell,
  type HeatLevel,
} from './heatmap-chart';
export { escapeXml } from './svg';
export { bandPolygons, trendChart, trendGeometry, type TrendPoint } from './trend-chart';
