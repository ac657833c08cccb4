import { FilesBrowser } from '../../features/files/components/files-browser';

export function FilesRoute() {
  return (
    <>
      <h1>Files</h1>
      <FilesBrowser />
    </>
  );
}
