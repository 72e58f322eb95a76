#!/usr/bin/env python3
"""Time until the explorer page is usable in headless Chromium (docs/performance.md,
"Issue 22: explorer").

    benches/explorer_browser.py PAGE.html [RUNS]

Opens PAGE in a fresh headless Chromium at 1366x768 over the DevTools protocol
(--remote-debugging-pipe, as tests/it/slow/cdp.rs does), RUNS times (default 5), and
prints for each run the page's own `data-ready-ms` (performance.now() when its script
had drawn the first screen, counted from navigation start), the wall time from
Page.navigate until the page said it was ready, and the console errors and requests
seen (there must be none but the page itself). Chromium's start is not counted.
"""
import json, os, subprocess, sys, tempfile, time


class Browser:
    def __init__(self, width=1366, height=768):
        self.profile = tempfile.mkdtemp()
        self.process = subprocess.Popen(
            ['sh', '-c', 'exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null', 'chromium',
             '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
             '--disable-background-networking', '--hide-scrollbars', '--remote-debugging-pipe',
             f'--window-size={width},{height}', f'--user-data-dir={self.profile}', 'about:blank'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.pending, self.next_id, self.session, self.events = b'', 0, None, []
        target = self.call('Target.createTarget', {'url': 'about:blank'})['targetId']
        self.session = self.call('Target.attachToTarget', {'targetId': target, 'flatten': True})['sessionId']
        for domain in ['Page', 'Runtime', 'Network', 'Log']:
            self.call(domain + '.enable')
        self.call('Emulation.setDeviceMetricsOverride',
                  {'width': width, 'height': height, 'deviceScaleFactor': 1, 'mobile': False})

    def receive(self):
        while b'\0' not in self.pending:
            chunk = os.read(self.process.stdout.fileno(), 1 << 20)
            if not chunk:
                raise SystemExit('chromium closed the pipe')
            self.pending += chunk
        message, self.pending = self.pending.split(b'\0', 1)
        return json.loads(message)

    def call(self, method, params=None):
        self.next_id += 1
        message = {'id': self.next_id, 'method': method, 'params': params or {}}
        if self.session:
            message['sessionId'] = self.session
        self.process.stdin.write(json.dumps(message).encode() + b'\0')
        self.process.stdin.flush()
        while True:
            answer = self.receive()
            if answer.get('id') == self.next_id:
                return answer.get('result', {})
            self.events.append(answer)

    def eval(self, expression):
        return self.call('Runtime.evaluate', {'expression': expression, 'returnByValue': True})['result'].get('value')

    def close(self):
        self.session = None
        try:
            self.call('Browser.close')
        except SystemExit:
            pass
        self.process.wait()


def main():
    page = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    for _ in range(runs):
        browser = Browser()
        started = time.monotonic()
        browser.call('Page.navigate', {'url': 'file://' + page})
        while browser.eval("document.body && document.body.dataset.ready") != 'true':
            time.sleep(0.01)
        wall = time.monotonic() - started
        ready = browser.eval("document.body.dataset.readyMs")
        errors = [e for e in browser.events if e.get('method') in ('Runtime.exceptionThrown', 'Log.entryAdded')
                  or (e.get('method') == 'Runtime.consoleAPICalled' and e['params']['type'] in ('error', 'warning'))]
        requests = [e['params']['request']['url'] for e in browser.events if e.get('method') == 'Network.requestWillBeSent']
        print(f'ready-ms {ready}  wall {wall:.3f} s  errors {len(errors)}  requests {len(requests)}')
        browser.close()


if __name__ == '__main__':
    main()
