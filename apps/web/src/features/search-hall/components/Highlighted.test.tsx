import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Highlighted, pickHighlight } from './Highlighted';

describe('Highlighted', () => {
  it('marks the matches and renders everything else as text', () => {
    const { container } = render(<Highlighted snippet={'城市低空<mark>无人机</mark>物流 &lt;b&gt;&amp;'} />);
    expect(container.querySelectorAll('mark')).toHaveLength(1);
    expect(container.querySelector('mark')?.textContent).toBe('无人机');
    expect(container.textContent).toBe('城市低空无人机物流 <b>&');
    expect(container.querySelector('b')).toBeNull();
  });

  it('falls back to the plain value when the field has no highlight', () => {
    const { container } = render(
      <>{pickHighlight([{ field: 'summary', snippet: '<mark>x</mark>' }], 'title', 'Plain')}</>,
    );
    expect(container.textContent).toBe('Plain');
  });
});
