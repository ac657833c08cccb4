import { ExceptionsBrowser } from '../../features/exceptions/components/exceptions-browser';

export function ExceptionsRoute() {
  return (
    <>
      <h1>Exceptions</h1>
      <ExceptionsBrowser />
    </>
  );
}
