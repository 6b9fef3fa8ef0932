import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { t } from '../../messages/catalogue';
import { LiveStateLostNotice } from './components/results-page';

describe('LiveStateLostNotice', () => {
  it('tells the host that answers may be missing when the live state was lost', () => {
    render(<LiveStateLostNotice results={{ liveStateLost: true }} />);
    expect(screen.getByRole('status')).toHaveTextContent(t('results.liveStateLost'));
    expect(screen.getByRole('status')).toHaveTextContent(/answers to the question open at that moment may be missing/);
  });

  it('says nothing when the game kept its live state', () => {
    const { container } = render(<LiveStateLostNotice results={{ liveStateLost: false }} />);
    expect(container).toBeEmptyDOMElement();
    expect(screen.queryByRole('status')).toBeNull();
  });
});
