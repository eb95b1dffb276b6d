// A small W3C WebDriver client over fetch, enough to drive the Loa window through tauri-driver.

export const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

/** Special keys of the W3C WebDriver spec (Element Send Keys / Actions). */
export const Keys = Object.freeze({
  BACKSPACE: "\uE003",
  TAB: "\uE004",
  ENTER: "\uE007",
  SHIFT: "\uE008",
  CONTROL: "\uE009",
  ESCAPE: "\uE00C",
  END: "\uE010",
  HOME: "\uE011",
  DELETE: "\uE017",
});

export class WebDriverError extends Error {
  constructor(method, path, status, body) {
    const v = body && typeof body === "object" ? body.value : undefined;
    const what = v && typeof v === "object" ? `${v.error}: ${v.message}` : JSON.stringify(body);
    super(`WebDriver ${method} ${path} failed (${status}): ${what}`);
    this.status = status;
    this.error = v && typeof v === "object" ? v.error : undefined;
  }
}

export class WebDriverClient {
  /** @param {string} baseUrl e.g. http://127.0.0.1:4444 */
  constructor(baseUrl, { timeoutMs = 120_000 } = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.timeoutMs = timeoutMs;
  }

  async request(method, path, body, { timeoutMs = this.timeoutMs } = {}) {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json; charset=utf-8" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { value: { error: "invalid json", message: text.slice(0, 500) } };
    }
    if (!res.ok) throw new WebDriverError(method, path, res.status, json);
    return json.value;
  }

  async status() {
    return this.request("GET", "/status", undefined, { timeoutMs: 2000 });
  }

  /** Start a session; `capabilities` is the W3C capabilities object ({ alwaysMatch: … }). */
  async newSession(capabilities) {
    const value = await this.request("POST", "/session", { capabilities });
    return new Session(this, value.sessionId, value.capabilities);
  }
}

export class Session {
  constructor(client, id, capabilities) {
    this.client = client;
    this.id = id;
    this.capabilities = capabilities;
  }

  cmd(method, path, body, opts) {
    return this.client.request(method, `/session/${this.id}${path}`, body, opts);
  }

  async delete({ timeoutMs = 30_000 } = {}) {
    await this.client.request("DELETE", `/session/${this.id}`, undefined, { timeoutMs });
  }

  async closeWindow({ timeoutMs = 30_000 } = {}) {
    return this.cmd("DELETE", "/window", undefined, { timeoutMs });
  }

  async findElement(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return new Element(this, v[ELEMENT_KEY]);
  }

  async findElements(css) {
    const list = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return list.map((v) => new Element(this, v[ELEMENT_KEY]));
  }

  /** Find by data-testid; `extra` is appended to the selector, e.g. '[data-draft-id="3"]'. */
  byTestId(id, extra = "") {
    return this.findElement(`[data-testid="${id}"]${extra}`);
  }

  async executeScript(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  async executeAsyncScript(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  /** PNG screenshot as a Buffer. */
  async screenshot({ timeoutMs } = {}) {
    const b64 = await this.cmd("GET", "/screenshot", undefined, timeoutMs ? { timeoutMs } : undefined);
    return Buffer.from(b64, "base64");
  }

  async title() {
    return this.cmd("GET", "/title");
  }

  async pageSource({ timeoutMs } = {}) {
    return this.cmd("GET", "/source", undefined, timeoutMs ? { timeoutMs } : undefined);
  }

  async setWindowRect(rect) {
    return this.cmd("POST", "/window/rect", rect);
  }

  async activeElement() {
    const v = await this.cmd("GET", "/element/active");
    return new Element(this, v[ELEMENT_KEY]);
  }

  /** W3C Actions: press and release each character of `text` on the keyboard. */
  async typeWithActions(text) {
    const actions = [];
    for (const ch of text) {
      actions.push({ type: "keyDown", value: ch }, { type: "keyUp", value: ch });
    }
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  /** Poll `fn` until it returns a truthy value; returns that value. */
  async waitFor(fn, { timeoutMs = 15_000, intervalMs = 100, message = "condition" } = {}) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    for (;;) {
      try {
        const v = await fn();
        if (v) return v;
      } catch (e) {
        lastError = e;
      }
      if (Date.now() > deadline) {
        const why = lastError ? ` (last error: ${lastError.message})` : "";
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${why}`);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  /** Wait until an element matching the test id (and extra selector) exists, and return it. */
  waitForTestId(id, extra = "", opts = {}) {
    return this.waitFor(
      async () => {
        const found = await this.findElements(`[data-testid="${id}"]${extra}`);
        return found[0];
      },
      { message: `[data-testid="${id}"]${extra}`, ...opts },
    );
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.cmd("POST", "/click", {});
  }

  clear() {
    return this.cmd("POST", "/clear", {});
  }

  /** Element Send Keys: real key input into the element. */
  sendKeys(text) {
    return this.cmd("POST", "/value", { text });
  }

  /** Rendered text as WebDriver sees it (WebKit leaves out text inside overflow:hidden boxes). */
  text() {
    return this.cmd("GET", "/text");
  }

  /** The DOM text of the element and its descendants. */
  textContent() {
    return this.property("textContent");
  }

  property(name) {
    return this.cmd("GET", `/property/${encodeURIComponent(name)}`);
  }

  attribute(name) {
    return this.cmd("GET", `/attribute/${encodeURIComponent(name)}`);
  }

  displayed() {
    return this.cmd("GET", "/displayed");
  }

  async findElements(css) {
    const list = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return list.map((v) => new Element(this.session, v[ELEMENT_KEY]));
  }

  toJSON() {
    return { [ELEMENT_KEY]: this.id };
  }
}
