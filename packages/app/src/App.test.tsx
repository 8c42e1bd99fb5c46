import { render, waitFor } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('starts and shows the demo sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as unknown as string,
    };

    const rendered = render(App.createRoot());

    // The app loads every plugin's extensions first: more than waitFor's default second on a busy machine.
    await waitFor(
      () => {
        expect(rendered.getByText('Lockstep demo')).toBeInTheDocument();
      },
      { timeout: 20_000 },
    );
  }, 30_000);
});
