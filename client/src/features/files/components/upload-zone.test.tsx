import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient } from '../../../lib/api-client';
import { adminUser, apiError, mockGet, renderApp, response } from '../../../test/render-app';

function chooseFile(name: string) {
  const input = screen.getByLabelText('choose files to upload');
  fireEvent.change(input, {
    target: { files: [new File(['id,loan_status\n1,Current\n'], name, { type: 'text/csv' })] },
  });
}

describe('Files upload', () => {
  afterEach(() => vi.restoreAllMocks());

  it('while a file uploads, then its progress bar moves; when it finishes, it says uploaded', async () => {
    mockGet({ '/api/auth/me': adminUser, '/api/files/list': { files: [], area: 'inputs', path: '' } });
    let finish!: () => void;
    const post = vi.spyOn(apiClient, 'post').mockImplementation(async (_url, _body, config) => {
      config?.onUploadProgress?.({ loaded: 50, total: 100, bytes: 50, lengthComputable: true });
      await new Promise<void>((resolve) => (finish = resolve));
      return response({ filename: 'tape.csv', path: 'tape.csv', size: 24 });
    });
    renderApp('/files', { user: adminUser });
    await screen.findByText('This folder is empty.');

    chooseFile('tape.csv');
    const bar = await screen.findByRole('progressbar', { name: 'Uploading tape.csv' });
    // The bar appears at 0% and moves once axios reports progress.
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '50'));
    expect(post).toHaveBeenCalledWith(
      '/api/files/upload',
      expect.any(FormData),
      expect.objectContaining({ params: { area: 'inputs', path: '' } }),
    );
    await waitFor(() => expect(finish).toBeTypeOf('function'));
    finish();
    const uploads = screen.getByRole('list', { name: 'Uploads' });
    expect(await within(uploads).findByText('Uploaded')).toBeInTheDocument();
    expect(bar).toHaveAttribute('aria-valuenow', '100');
  });

  it('when the API refuses the upload, then it shows the API detail', async () => {
    mockGet({ '/api/auth/me': adminUser, '/api/files/list': { files: [], area: 'inputs', path: '' } });
    vi.spyOn(apiClient, 'post').mockRejectedValue(apiError(409, { detail: 'File already exists: tape.csv' }));
    renderApp('/files', { user: adminUser });
    await screen.findByText('This folder is empty.');
    chooseFile('tape.csv');
    expect(await screen.findByRole('alert')).toHaveTextContent('Upload failed: File already exists: tape.csv');
  });
});
