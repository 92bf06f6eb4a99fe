// browser.cjs - the coalition builder in a real browser (headless Chromium
// driven by playwright-core). usage: node browser.cjs URL SCREENSHOT_DIR
// Prints one "ok ..." or "FAIL ..." line per check and exits non-zero on
// any failure. Expected numbers are hand arithmetic on the data files:
//   Iraq 2014: 328 seats, majority floor(328/2)+1 = 165;
//     sol 92 + ahrar 34 + muwatin 29 + kdp 25 = 180 -> 15 to spare;
//     sol + ahrar = 126 -> 39 short.
//   toy (tests/web/fixtures/consociational.json): 100 seats, 51 needed;
//     a1 30 + a2 15 + b2 10 + c1 15 = 70: only a1 is critical (70-30 = 40 <
//     51), Beta is in by b2 alone, surplus -> the condition holds for show;
//     a1 + a2 + b2 = 55: all critical -> for substance.
//   what if kdp (25) leaves: 303 seats, floor(303/2)+1 = 152 needed; the
//     hemicycle then draws 303 seats, none of the KDP; then 10 seats move
//     from sol to ahrar: 82 and 44 seats drawn, still 303; the coalition
//     keeps 82 + 44 + 29 = 155 seats. Reset: 328 seats, kdp's 25 again.
//   Bundestag 2021 (tests/data/coalitions/de-bt2021.json): 736 seats, 369
//     needed, the AfD excluded; union 197 + afd 83 = 280: fails, "excludes
//     AfD"; union + spd 206 = 403: a majority that meets the condition.
//   Northern Ireland 2007 (tests/data/formation/ni-2007.json): 108 seats,
//     55 needed; the executive by d'Hondt, DUP 4, SF 3, UUP 2, SDLP 1.
'use strict';
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');
const fs = require('fs');
const path = require('path');

const [url, outDir] = process.argv.slice(2);
let passed = 0, failed = 0;
function check(name, cond, detail) {
  if (cond) { passed++; console.log('ok   ' + name); }
  else { failed++; console.log('FAIL ' + name + (detail !== undefined ? ': ' + detail : '')); }
}

(async () => {
  const userDir = fs.mkdtempSync(path.join(outDir, 'chromium-profile-'));
  const browser = await chromium.launchPersistentContext(userDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1100 },
    timeout: 60000,
  });
  const page = browser.pages()[0] || await browser.newPage();
  page.setDefaultTimeout(15000);
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(url)) external.push(r.url()); });
  const consoleErrors = [];
  // seats drawn in the hemicycle, by the list id the page put on each seat
  const seatsById = () => page.evaluate(() => {
    const m = { all: 0 };
    for (const c of document.querySelectorAll('#hemicycle circle.seat')) {
      const id = c.getAttribute('data-id') || '(no list)';
      m[id] = (m[id] || 0) + 1;
      m.all++;
    }
    return m;
  });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForSelector('#hemicycle svg circle.seat');
    const seats = await page.locator('#hemicycle circle.seat').count();
    check('hemicycle shows all 328 seats', seats === 328, seats);
    const options = await page.locator('#leg-select option').count();
    check('four legislatures offered', options === 4, options);
    check('quota shown is 165', (await page.textContent('#quota')) === '165');
    let drawn = await seatsById();
    check('the hemicycle draws 92 seats of State of Law and 25 of the KDP', drawn.sol === 92 && drawn.kdp === 25, JSON.stringify(drawn));

    // one party by clicking a seat of the hemicycle (sol is party 0), the
    // others through the list
    await page.locator('#hemicycle [data-party="0"]').first().click();
    await page.waitForFunction(() => document.getElementById('seats-count').textContent === '92');
    check('a click on a seat adds State of Law (92)', true);
    await page.click('#parties button[data-id="ahrar"]');
    await page.waitForFunction(() => document.getElementById('seats-count').textContent === '126');
    const short = await page.textContent('#verdict');
    check('126 seats are 39 short', /39 short/.test(short), short);
    await page.click('#parties button[data-id="muwatin"]');
    await page.waitForFunction(() => document.getElementById('seats-count').textContent === '155');
    await page.click('#parties button[data-id="kdp"]');
    await page.waitForFunction(() => document.getElementById('seats-count').textContent === '180');
    const verdict = await page.textContent('#verdict');
    check('180 seats: a majority with 15 to spare', /^majority: 180 of 165 needed, 15 to spare$/.test(verdict), verdict);
    check('verdict styled as a majority', (await page.getAttribute('#verdict', 'class')).includes('ok'));
    const rows = await page.locator('#members tbody tr').count();
    check('four members listed', rows === 4, rows);
    const solStatus = await page.textContent('#members tbody tr:first-child td:nth-child(3)');
    check('State of Law is critical', solStatus === 'critical', solStatus);
    const selected = await page.locator('#hemicycle circle.selected').count();
    check('180 seats highlighted in the hemicycle', selected === 180, selected);
    await page.screenshot({ path: path.join(outDir, 'coalition-iraq.png'), fullPage: true });

    // what if: the KDP leaves with its seats
    await page.selectOption('#step-kind', 'remove');
    await page.selectOption('#step-a', 'kdp');
    await page.click('#whatif-form button[type="submit"]');
    await page.waitForFunction(() => /303 seats/.test(document.getElementById('whatif-summary').textContent));
    const summary = await page.textContent('#whatif-summary');
    check('what if KDP leaves: 303 seats, 152 needed', /303 seats, 152 for a majority/.test(summary), summary);
    await page.waitForFunction(() => document.getElementById('seats-count').textContent === '155');
    check('the coalition without KDP has 155 seats and a majority', /^majority: 155 of 152/.test(await page.textContent('#verdict')));
    const dropped = await page.textContent('#dropped');
    check('the page says KDP is not in the changed chamber', /Kurdistan Democratic Party/.test(dropped), dropped);
    check('what-if chart drawn', (await page.locator('#whatif-chart svg').count()) === 1);
    await page.waitForFunction(() => document.getElementById('hemicycle').dataset.changed === 'true');
    drawn = await seatsById();
    check('the hemicycle redrawn: 303 seats, none of the KDP', drawn.all === 303 && !drawn.kdp && drawn.sol === 92, JSON.stringify(drawn));
    check('the list no longer offers the KDP', (await page.locator('#parties button[data-id="kdp"]').count()) === 0);
    let lit = await page.locator('#hemicycle circle.selected').count();
    check('155 coalition seats highlighted in the changed chamber', lit === 155, lit);
    await page.screenshot({ path: path.join(outDir, 'whatif-iraq.png'), fullPage: true });

    // a second change on the changed chamber: 10 seats move from sol to ahrar
    await page.selectOption('#step-kind', 'move');
    await page.selectOption('#step-a', 'sol');
    await page.selectOption('#step-b', 'ahrar');
    await page.fill('#step-k', '10');
    await page.click('#whatif-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelectorAll('#hemicycle circle.seat[data-id="sol"]').length === 82);
    drawn = await seatsById();
    check('10 seats move: 82 drawn for State of Law, 44 for al-Ahrar, 303 in all',
          drawn.sol === 82 && drawn.ahrar === 44 && drawn.all === 303 && !drawn.kdp, JSON.stringify(drawn));
    const solSeats = await page.textContent('#parties button[data-id="sol"] .seats');
    check('the list shows 82 seats for State of Law', solSeats === '82', solSeats);
    await page.waitForFunction(() => document.querySelectorAll('#hemicycle circle.selected').length === 155);
    check('the coalition keeps 155 seats: majority, 3 to spare',
          /^majority: 155 of 152 needed, 3 to spare$/.test(await page.textContent('#verdict')));
    check('the chamber heading says it is changed', /303 seats, 152 for a majority/.test(await page.textContent('#chamber-note')));
    await page.screenshot({ path: path.join(outDir, 'whatif-move-iraq.png'), fullPage: true });

    // Reset: the file's chamber again
    await page.click('#step-clear');
    await page.waitForFunction(() => document.getElementById('hemicycle').dataset.changed === 'false');
    drawn = await seatsById();
    check('Reset: 328 seats drawn, 92 and 25 again', drawn.all === 328 && drawn.sol === 92 && drawn.kdp === 25, JSON.stringify(drawn));
    await page.waitForFunction(() => document.getElementById('seats-count').textContent === '180');
    lit = await page.locator('#hemicycle circle.selected').count();
    check('Reset: the 180 seats of the coalition highlighted again', lit === 180, lit);

    // the toy chamber: the power-sharing condition, and escaping
    await page.selectOption('#leg-select', 'consociational');
    await page.waitForFunction(() => document.getElementById('quota').textContent === '51');
    for (const id of ['a1', 'a2', 'b2', 'c1'])
      await page.click(`#parties button[data-id="${id}"]`);
    await page.waitForFunction(() => document.getElementById('seats-count').textContent === '70');
    let kind = await page.getAttribute('#condition', 'data-kind');
    check('a1+a2+b2+c1: condition holds for show', kind === 'show', kind);
    await page.click('#parties button[data-id="c1"]');
    await page.waitForFunction(() => document.getElementById('seats-count').textContent === '55');
    kind = await page.getAttribute('#condition', 'data-kind');
    check('a1+a2+b2: condition holds for substance', kind === 'substance', kind);
    const name = await page.textContent('#parties button[data-id="b1"] .name');
    check('a name with <&"\' is shown as text', name === 'Beta <One> & "Co" \'x\'', name);
    check('no element was injected from a name', (await page.locator('one').count()) === 0);
    const tip = await page.locator('#hemicycle circle[data-party="2"] title').first().textContent();
    check('the SVG tooltip keeps the name as text', tip.startsWith('Beta <One> & "Co" \'x\''), tip);
    await page.screenshot({ path: path.join(outDir, 'coalition-toy.png'), fullPage: true });

    // a condition that is not about communities: the AfD excluded
    await page.selectOption('#leg-select', 'de-bt2021');
    await page.waitForFunction(() => document.getElementById('quota').textContent === '369');
    const rule = await page.textContent('#condition-rule');
    check('the page states the declared condition', rule === 'Condition "no coalition with the AfD": excludes AfD.', rule);
    for (const id of ['union', 'afd'])
      await page.click(`#parties button[data-id="${id}"]`);
    await page.waitForFunction(() => document.getElementById('seats-count').textContent === '280');
    kind = await page.getAttribute('#condition', 'data-kind');
    const why = await page.locator('#condition-reasons li').allTextContents();
    check('union + afd: the condition fails, "excludes AfD"', kind === 'fails' && why.length === 1 && why[0] === 'excludes AfD', kind + ' ' + JSON.stringify(why));
    await page.click('#parties button[data-id="afd"]');
    await page.click('#parties button[data-id="spd"]');
    await page.waitForFunction(() => document.getElementById('seats-count').textContent === '403');
    kind = await page.getAttribute('#condition', 'data-kind');
    const met = await page.textContent('#condition');
    check('union + spd: the condition is met', kind === 'met' && met === 'Condition: met.' && (await page.locator('#condition-reasons li').count()) === 0, kind + ' ' + met);
    await page.screenshot({ path: path.join(outDir, 'coalition-bundestag.png'), fullPage: true });
    check('no executive by rule for the Bundestag', await page.locator('#executive').isHidden());

    // an executive formed by rule: Northern Ireland 2007, d'Hondt over the
    // Assembly (tests/cases/formation/ni-2007-analyze works the picks)
    await page.selectOption('#leg-select', 'ni-2007');
    await page.waitForFunction(() => document.getElementById('quota').textContent === '55');
    const exec = await page.textContent('#executive');
    check('the executive by the formation rule: DUP 4, SF 3, UUP 2, SDLP 1; FM DUP, dFM SF',
      exec === "Executive by the file's formation rule (computed, not bargained): 10 ministries, " +
        'Democratic Unionist Party 4, Sinn Féin 3, Ulster Unionist Party 2, Social Democratic and Labour Party 1; ' +
        'First Minister: Democratic Unionist Party; deputy First Minister: Sinn Féin.', exec);
    await page.screenshot({ path: path.join(outDir, 'executive-ni-2007.png'), fullPage: true });
    check('no request left the server', external.length === 0, external.join(' '));
    check('no console error', consoleErrors.length === 0, consoleErrors.join(' | '));
  } catch (e) {
    check('browser session', false, e.message.split('\n')[0]);
    try { await page.screenshot({ path: path.join(outDir, 'failure.png'), fullPage: true }); } catch (_) {}
  }
  await browser.close();
  fs.rmSync(userDir, { recursive: true, force: true });
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
