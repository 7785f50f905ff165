export { QcloudMailHealthIndicator, type QcloudMailHealthCheckOptions } from './qcloud-mail-health-indicator.js';
