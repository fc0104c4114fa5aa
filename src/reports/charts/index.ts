export { distributionChart, type DistributionBar } from './distribution-chart';
export { escapeXml } from './svg';
export { bandPolygons, trendChart, trendGeometry, type TrendPoint } from './trend-chart';
