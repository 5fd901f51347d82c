// A small SPA around wink-link/react: a router (history API), a page with the modal and a page
// with the widget inline in a ref. What the hook gives is written into the DOM for the test.
import { useEffect, useState } from 'react';
import { ConnectPage, InlinePage, MisusePage } from './pages';

declare global {
  interface Window {
    /** Mount effects of <App>: 2 under StrictMode in development (mount, unmount, mount). */
    appEffects: number;
  }
}

/** The widget page's URL (another origin): given once, in the query of the first page load. */
const widgetUrl = new URLSearchParams(location.search).get('widget') ?? '';

function usePath(): [string, (to: string) => void] {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPopState = () => setPath(location.pathname);
    addEventListener('popstate', onPopState);
    return () => removeEventListener('popstate', onPopState);
  }, []);
  return [
    path,
    (to) => {
      history.pushState(null, '', to);
      setPath(to);
    },
  ];
}

export function App() {
  const [path, navigate] = usePath();
  useEffect(() => {
    window.appEffects = (window.appEffects ?? 0) + 1;
  }, []);
  return (
    <>
      <nav>
        <button id="nav-home" type="button" onClick={() => navigate('/')}>
          Home
        </button>
        <button id="nav-connect" type="button" onClick={() => navigate('/connect')}>
          Connect page
        </button>
        <button id="nav-inline" type="button" onClick={() => navigate('/inline')}>
          Inline page
        </button>
        <button id="nav-misuse" type="button" onClick={() => navigate('/misuse')}>
          Misuse page
        </button>
      </nav>
      <main>
        {path === '/connect' && <ConnectPage widgetUrl={widgetUrl} />}
        {path === '/inline' && <InlinePage widgetUrl={widgetUrl} />}
        {path === '/misuse' && <MisusePage widgetUrl={widgetUrl} />}
        {path === '/' && <h1>Home</h1>}
      </main>
    </>
  );
}
