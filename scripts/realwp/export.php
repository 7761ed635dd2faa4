<?php
/**
 * Write the site's own WXR, as Tools > Export > All content does.
 * Usage: REALWP_PORT=N php export.php OUTFILE
 */
require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
realwp_admin();
$out = $argv[1] ?? '';
if ($out === '') { fwrite(STDERR, "usage: export.php OUTFILE\n"); exit(64); }
ob_start();
export_wp(['content' => 'all']);
$wxr = ob_get_clean();
if (!str_contains($wxr, '<wp:wxr_version>')) { fwrite(STDERR, "realwp: export produced no WXR\n"); exit(1); }
$tmp = $out . '.tmp' . getmypid();
file_put_contents($tmp, $wxr);
rename($tmp, $out);
fwrite(STDERR, 'realwp: exported ' . strlen($wxr) . " bytes to $out\n");
