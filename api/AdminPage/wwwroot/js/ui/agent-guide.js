// "How agents install skills": what an agent on a runtime does to add a skill and to ask for the keys it needs.

import { h } from '../dom.js';

const REQUEST_EXAMPLE = JSON.stringify(
  { skill: 'trello', key: 'TRELLO_API_KEY', agentId: 'main', reason: 'read the sprint board' }, null, 2);

export function agentGuide() {
  return h('aside', { class: 'agent-guide', 'aria-labelledby': 'agent-guide-title' },
    h('h2', { id: 'agent-guide-title' }, 'How agents install skills'),
    h('ol', {},
      h('li', {}, h('strong', {}, 'Find a skill. '),
        'ClawHub (clawhub.ai) is the registry to install from; skills.sh is for discovery only \u2014 install what you find there from ClawHub or as a folder.'),
      h('li', {}, h('strong', {}, 'Install it into the workspace. '),
        'In the runtime\u2019s workspace run ', h('code', {}, 'openclaw skills install @owner/<slug>'),
        ' (from ClawHub; a local folder holding a ', h('code', {}, 'SKILL.md'), ' installs the same way, and ',
        h('code', {}, 'clawhub install @owner/<slug> --workdir <workspace>'), ' does the same): the skill lands in ',
        h('code', {}, 'skills/<slug>/'), ' and appears on this page within seconds.'),
      h('li', {}, h('strong', {}, 'Ask for the keys it needs. '),
        'The ', h('code', {}, 'skill-credentials'), ' skill, installed on every runtime, does it: ',
        h('code', {}, 'node skills/skill-credentials/scripts/skill-credentials.mjs request <skill> <KEY> --reason "\u2026"'),
        ', then ', h('code', {}, '\u2026 status <file>'), ' to read back the outcome. Underneath, it writes a request file to ',
        h('code', {}, '<workspace>/requests/skill-credentials/<name>.json'),
        ' (write it under another name and rename it when complete):',
        h('pre', { tabindex: 0, 'aria-label': 'Example request file' }, h('code', {}, REQUEST_EXAMPLE)), // focusable: it may scroll sideways
        h('code', {}, 'skill'), ' is the skill\u2019s key, ', h('code', {}, 'key'), ' a variable it declares; ',
        h('code', {}, 'agentId'), ' and ', h('code', {}, 'reason'), ' are optional. The request shows up here as pending; ',
        'handled files move to ', h('code', {}, 'processed/'), ', rejected ones to ', h('code', {}, 'failed/'), ' with the reason beside them.'),
      h('li', {}, h('strong', {}, 'Precedence. '),
        'A workspace skill wins over a bundled or managed skill of the same name, so a copy in ', h('code', {}, 'skills/'),
        ' replaces the bundled one for this runtime.')));
}
