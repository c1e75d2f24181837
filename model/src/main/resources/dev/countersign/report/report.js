(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message));
    document.body.setAttribute('data-js-errors', errors.join(' | '));
  });

  function all(sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  }

  function cellValue(row, idx, type) {
    var cell = row.cells[idx];
    var v = cell.getAttribute('data-v');
    if (type === 'num') {
      var n = parseFloat(v);
      return isNaN(n) ? null : n;
    }
    v = v === null ? cell.textContent : v;
    return v === '' || v === '-' ? null : v.toLowerCase();
  }

  // Sorts one table by a column; empty cells ("-") go last in either direction.
  function sortTable(table, key, dir) {
    var heads = table.tHead.rows[0].cells;
    var idx = -1;
    var type = 'text';
    for (var i = 0; i < heads.length; i++) {
      heads[i].removeAttribute('aria-sort');
      if (heads[i].getAttribute('data-key') === key) {
        idx = i;
        type = heads[i].getAttribute('data-type');
      }
    }
    if (idx < 0) {
      return;
    }
    heads[idx].setAttribute('aria-sort', dir === 'desc' ? 'descending' : 'ascending');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, idx, type);
      var y = cellValue(b, idx, type);
      if (x === null || y === null) {
        return x === y ? 0 : x === null ? 1 : -1;
      }
      var r = x < y ? -1 : x > y ? 1 : 0;
      return dir === 'desc' ? -r : r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  // allowed: verdict name -> true, or null for every verdict.
  function applyFilter(allowed) {
    all('input[data-verdict]').forEach(function (cb) {
      cb.checked = !allowed || allowed[cb.getAttribute('data-verdict')] === true;
    });
    all('table.verdicts tbody tr').forEach(function (tr) {
      if (!allowed || allowed[tr.getAttribute('data-verdict')] === true) {
        tr.removeAttribute('hidden');
      } else {
        tr.setAttribute('hidden', '');
      }
    });
    all('section.test').forEach(function (s) {
      if (all('table.verdicts tbody tr:not([hidden])', s).length === 0) {
        s.setAttribute('hidden', '');
      } else {
        s.removeAttribute('hidden');
      }
    });
    document.getElementById('shown').textContent =
        String(all('table.verdicts tbody tr:not([hidden])').length);
  }

  function checkedVerdicts() {
    var allowed = {};
    var every = true;
    all('input[data-verdict]').forEach(function (cb) {
      if (cb.checked) {
        allowed[cb.getAttribute('data-verdict')] = true;
      } else {
        every = false;
      }
    });
    return every ? null : allowed;
  }

  // "#filter=REGRESSION,OVER_BUDGET&sort=change&dir=desc"; a plain anchor such as "#t0" is ignored.
  function applyHash() {
    var h = location.hash.replace(/^#/, '');
    if (h.indexOf('=') < 0) {
      return;
    }
    var p = {};
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) {
        p[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1));
      }
    });
    if (p.filter) {
      var allowed = {};
      p.filter.split(',').forEach(function (v) { allowed[v.trim()] = true; });
      applyFilter(allowed);
    }
    if (p.sort) {
      all('table.verdicts').forEach(function (t) {
        sortTable(t, p.sort, p.dir === 'desc' ? 'desc' : 'asc');
      });
    }
  }

  all('table.verdicts th[data-key]').forEach(function (th) {
    function activate() {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'desc' : 'asc';
      sortTable(th.closest('table'), th.getAttribute('data-key'), dir);
    }
    th.addEventListener('click', activate);
    th.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        activate();
      }
    });
  });
  all('input[data-verdict]').forEach(function (cb) {
    cb.addEventListener('change', function () { applyFilter(checkedVerdicts()); });
  });
  all('button[data-preset]').forEach(function (b) {
    b.addEventListener('click', function () {
      if (b.getAttribute('data-preset') === 'all') {
        applyFilter(null);
        return;
      }
      var allowed = {};
      all('input[data-verdict]').forEach(function (cb) {
        var v = cb.getAttribute('data-verdict');
        if (v !== 'UNCHANGED' && v !== 'WITHIN_BUDGET') {
          allowed[v] = true;
        }
      });
      applyFilter(allowed);
    });
  });
  applyHash();
  window.addEventListener('hashchange', applyHash);
  document.body.setAttribute('data-ready', 'true');
}());
