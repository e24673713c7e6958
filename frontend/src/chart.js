// Chart.js with every controller registered, exposed as the global `Chart` for the admin pages.
import { Chart, registerables } from 'chart.js';

Chart.register(...registerables);
export default Chart;
