/* Draws [data-chart] elements with ECharts: price lines under a report, stacked spend bars on the usage page. */
(function () {
  'use strict';
  if (!window.echarts) { return; }
  var palette = ['#1f4fd8', '#e07b00', '#1b7f3b', '#7b2cbf', '#c62828', '#00838f', '#5d4037'];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var data = JSON.parse(el.dataset.chart);
    var bar = el.dataset.chartType === 'bar';
    var chart = window.echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      color: palette,
      title: { text: data.title, left: 0, textStyle: { fontSize: 13, fontWeight: 600, color: '#39414b' } },
      tooltip: { trigger: 'axis' },
      legend: { top: 24, left: 0, type: 'scroll' },
      grid: { left: 56, right: 16, top: 64, bottom: 36 },
      xAxis: { type: 'category', data: data.dates, boundaryGap: bar },
      yAxis: { type: 'value', scale: !bar,
        axisLabel: bar ? { formatter: function (v) { return '$' + v; } } : {} },
      series: data.series.map(function (s) {
        return bar ? { name: s.name, type: 'bar', stack: 'spend', data: s.values, barMaxWidth: 28 }
          : { name: s.name, type: 'line', data: s.values, showSymbol: false, connectNulls: true, lineStyle: { width: 2 } };
      })
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
