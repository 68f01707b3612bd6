// The shared bar chart: bars proportional to their values, each labelled with its value, an empty chart said in words,
// and a tapped bar read out beneath.
const path = require('path');
const simulate = require('miniprogram-simulate');
const { scaled } = require('../../src/components/bar-chart/bars');

const ROOT = path.resolve(__dirname, '../../src');
// WeChat's compiler turns every template of the app into one script, past its default 1 MiB of output.
const chart = simulate.load(path.join(ROOT, 'components/bar-chart/index'), {
  rootPath: ROOT, compilerOptions: { maxBuffer: 32 * 1024 * 1024 },
});

async function draw(properties) {
  const rendered = simulate.render(chart, properties);
  rendered.attach(document.createElement('parent-wrapper'));
  await simulate.sleep(0);
  return rendered;
}

function texts(rendered, selector) {
  return rendered.querySelectorAll(selector).map((node) => node.dom.textContent.trim());
}

function styles(rendered) {
  return rendered.querySelectorAll('.bar-fill').map((node) => node.dom.getAttribute('style'));
}

describe('the bars\' lengths', () => {
  test('are proportional to the values, the longest full', () => {
    const { bars, empty } = scaled([{ label: 'a', value: 50 }, { label: 'b', value: 200 }, { label: 'c', value: 3 }]);
    expect(empty).toBe(false);
    expect(bars.map((bar) => bar.percent)).toEqual([25, 100, 1.5]);
    expect(bars.map((bar) => bar.nonzero)).toEqual([true, true, true]);
  });

  test('all zero, or none at all, is an empty chart', () => {
    expect(scaled([{ label: 'a', value: 0 }, { label: 'b', value: 0 }]).empty).toBe(true);
    expect(scaled([]).empty).toBe(true);
    expect(scaled(undefined)).toEqual({ empty: true, bars: [] });
  });

  test('a bar says its label and value, the value as given or the number itself; nothing below zero', () => {
    const { bars } = scaled([{ key: 'x', label: '12点', value: 9, text: '9 单' }, { label: '13点', value: 4 }, { label: '14点', value: -2 }]);
    expect(bars.map((bar) => [bar.key, bar.label, bar.text, bar.aria])).toEqual([
      ['x', '12点', '9 单', '12点 9 单'], ['1', '13点', '4', '13点 4'], ['2', '14点', '0', '14点 0'],
    ]);
    expect(bars[2].percent).toBe(0);
  });
});

describe('the chart drawn', () => {
  test('columns: heights proportional, labels and values printed', async () => {
    const rendered = await draw({ bars: [{ label: '周一', value: 100, text: '¥1.00' }, { label: '周二', value: 400, text: '¥4.00' }, { label: '周三', value: 0, text: '¥0.00' }] });
    expect(styles(rendered)).toEqual(['height: 25%', 'height: 100%', 'height: 0%']);
    expect(texts(rendered, '.bar-label')).toEqual(['周一', '周二', '周三']);
    expect(texts(rendered, '.bar-value')).toEqual(['¥1.00', '¥4.00', '¥0.00']);
  });

  test('rows: widths proportional, with labels and values', async () => {
    const rendered = await draw({ direction: 'row', bars: [{ label: '牛肉面', value: 30, text: '30 份' }, { label: '拍黄瓜', value: 15, text: '15 份' }] });
    expect(styles(rendered)).toEqual(['width: 100%', 'width: 50%']);
    expect(texts(rendered, '.row-label')).toEqual(['牛肉面', '拍黄瓜']);
    expect(texts(rendered, '.bar-value')).toEqual(['30 份', '15 份']);
  });

  test('too many columns to print each value: a tapped bar is read out beneath', async () => {
    const bars = Array.from({ length: 12 }, (unused, hour) => ({ label: `${hour}点`, value: hour, text: `${hour} 单` }));
    const rendered = await draw({ bars });
    expect(texts(rendered, '.bar-value')).toEqual([]);
    rendered.querySelectorAll('.bar-column')[5].dispatchEvent('tap');
    await simulate.sleep(0);
    expect(texts(rendered, '.chart-picked')).toEqual(['5点 5 单']);
  });

  test('zero data says so, in the words given', async () => {
    const quiet = await draw({ bars: [{ label: 'a', value: 0 }] });
    expect(texts(quiet, '.chart-empty')).toEqual(['暂无数据']);
    expect(quiet.querySelectorAll('.bar-fill')).toHaveLength(0);

    const none = await draw({ bars: [], emptyText: '这段时间没有新会员' });
    expect(texts(none, '.chart-empty')).toEqual(['这段时间没有新会员']);
  });
});
