<?php
/**
 * Seed WordPress from a WXR file the way the WordPress importer would, keeping the WXR's ids.
 * Usage: REALWP_PORT=N php seed.php FILE.xml
 *
 * Users, terms (with parents), posts/pages/attachments/menu items with import_id, dates, slugs,
 * authors, terms, formats, parents, sticky flags, postmeta, threaded comments. Attachments get a
 * real local file (php-gd) at the path of their wp:attachment_url and generated metadata.
 */
define('WP_IMPORTING', true);           // no pings / enclosures on publish, like the importer
require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/post.php';

$file = $argv[1] ?? '';
$xml = @simplexml_load_file($file, 'SimpleXMLElement', LIBXML_NOCDATA | LIBXML_PARSEHUGE);
if (!$xml) {
    fwrite(STDERR, "realwp: cannot parse WXR $file\n");
    exit(1);
}
$ns = $xml->getDocNamespaces(true);
$WP = $ns['wp'];                       // https://... in the theme unit test data, http://... elsewhere
$CONTENT = $ns['content'] ?? 'http://purl.org/rss/1.0/modules/content/';
$EXCERPT = $ns['excerpt'] ?? ($WP . 'excerpt/');
$DC = $ns['dc'] ?? 'http://purl.org/dc/elements/1.1/';
$ch = $xml->channel;

realwp_admin();
kses_remove_filters();
wp_defer_term_counting(true);
wp_defer_comment_counting(true);
wp_suspend_cache_invalidation(false);

function s($node): string { return trim((string) $node); }
function raw($node): string { return (string) $node; }
function fail_if_error($r, string $what) {
    if (is_wp_error($r)) {
        fwrite(STDERR, "realwp: $what: " . $r->get_error_message() . "\n");
        exit(1);
    }
    return $r;
}

// ---- users -------------------------------------------------------------------------------
$users = [];   // login => user id
foreach ($ch->children($WP)->author as $a) {
    $login = s($a->author_login);
    $id = username_exists($login);
    if (!$id) {
        $id = fail_if_error(wp_insert_user(wp_slash([
            'user_login' => $login,
            'user_email' => s($a->author_email),
            'display_name' => s($a->author_display_name),
            'first_name' => s($a->author_first_name),
            'last_name' => s($a->author_last_name),
            'user_pass' => wp_generate_password(20),
            'role' => 'author',
        ])), "user $login");
    }
    $users[$login] = (int) $id;
}
$admin_id = get_current_user_id();

// ---- terms -------------------------------------------------------------------------------
$terms = [];      // taxonomy => slug => new term id
$old_terms = [];  // taxonomy => old term id => new term id (menu items point at old ids)
$pending = [];    // [taxonomy, slug, name, parent slug, description, old id, termmeta elements]
foreach ($ch->children($WP)->category as $c) {
    $pending[] = ['category', s($c->category_nicename), s($c->cat_name), s($c->category_parent),
        s($c->category_description), s($c->term_id), $c->termmeta];
}
foreach ($ch->children($WP)->tag as $t) {
    $pending[] = ['post_tag', s($t->tag_slug), s($t->tag_name), '', s($t->tag_description), s($t->term_id),
        $t->termmeta];
}
foreach ($ch->children($WP)->term as $t) {
    $pending[] = [s($t->term_taxonomy), s($t->term_slug), s($t->term_name), s($t->term_parent),
        s($t->term_description), s($t->term_id), $t->termmeta];
}
// Parents first: terms without parent in file order, then children once their parent exists.
while ($pending) {
    $progress = false;
    $next = [];
    foreach ($pending as $p) {
        [$tax, $slug, $name, $parent, $desc, $old, $termmeta] = $p;
        if (!taxonomy_exists($tax)) { $progress = true; continue; }
        if ($parent !== '' && !isset($terms[$tax][$parent])) {
            if (!in_array($parent, array_column($pending, 1), true) && !term_exists($parent, $tax)) {
                $parent = '';    // parent missing from the file: attach to the root
            } else {
                $next[] = $p;
                continue;
            }
        }
        $existing = term_exists($slug, $tax);
        if ($existing) {
            $id = (int) $existing['term_id'];
        } else {
            $args = ['slug' => $slug, 'description' => $desc];
            if ($parent !== '') {
                $args['parent'] = $terms[$tax][$parent] ?? (int) term_exists($parent, $tax)['term_id'];
            }
            $r = wp_insert_term(wp_slash($name), $tax, wp_slash($args));
            if (is_wp_error($r)) {
                $id = (int) $r->get_error_data('term_exists');
                if (!$id) { fail_if_error($r, "term $tax/$slug"); }
            } else {
                $id = (int) $r['term_id'];
            }
        }
        $terms[$tax][$slug] = $id;
        if ($old !== '') { $old_terms[$tax][$old] = $id; }
        // Term meta (WordPress 4.4+), as the importer does (process_termmeta).
        foreach ($termmeta as $m) {
            add_term_meta($id, wp_slash(s($m->meta_key)), wp_slash_strings_only(maybe_unserialize(raw($m->meta_value))));
        }
        $progress = true;
    }
    if (!$progress) {   // a cycle: insert the rest at the root
        foreach ($next as &$p) { $p[3] = ''; }
        unset($p);
    }
    $pending = $next;
}

// ---- posts -------------------------------------------------------------------------------
function realwp_image(string $path, string $label): void {
    // A real image, 1200x800 like the correct seeding's attachments, written atomically.
    $w = 1200; $h = 800;
    $im = imagecreatetruecolor($w, $h);
    $hash = md5($label);
    $c1 = imagecolorallocate($im, hexdec(substr($hash, 0, 2)), hexdec(substr($hash, 2, 2)), hexdec(substr($hash, 4, 2)));
    $c2 = imagecolorallocate($im, 255 - hexdec(substr($hash, 0, 2)), 255 - hexdec(substr($hash, 2, 2)), 255 - hexdec(substr($hash, 4, 2)));
    imagefill($im, 0, 0, $c1);
    for ($i = 0; $i < 8; $i++) {
        imagefilledrectangle($im, $i * 150, ($i % 2) * 400, $i * 150 + 75, ($i % 2) * 400 + 400, $c2);
    }
    $white = imagecolorallocate($im, 255, 255, 255);
    imagefilledrectangle($im, 40, 360, 1160, 440, imagecolorallocate($im, 0, 0, 0));
    imagestring($im, 5, 60, 392, $label, $white);
    $tmp = $path . '.tmp' . getmypid();
    $ext = strtolower(pathinfo($path, PATHINFO_EXTENSION));
    if ($ext === 'gif') { imagegif($im, $tmp); }
    elseif ($ext === 'png') { imagepng($im, $tmp); }
    else { imagejpeg($im, $tmp, 80); }
    imagedestroy($im);
    rename($tmp, $path);
}

$uploads = wp_upload_dir(null, false);
$sticky = [];
$menu_items = [];
$comments = [];   // post id => [comment xml...]
$counts = [];
// Menu items last: the test data repeats some menu item ids, and a repeated one must not take
// the id of a post that comes later in the file.
$items = [];
foreach ($ch->item as $item) { $items[] = $item; }
usort($items, fn($a, $b) => (s($a->children($GLOBALS['WP'])->post_type) === 'nav_menu_item')
    <=> (s($b->children($GLOBALS['WP'])->post_type) === 'nav_menu_item'));
foreach ($items as $item) {
    $w = $item->children($WP);
    $type = s($w->post_type);
    $id = (int) s($w->post_id);
    $status = s($w->status);
    $creator = s($item->children($DC)->creator);
    $author = $users[$creator] ?? $admin_id;  // unknown creators (">themereviewteam") -> admin
    $data = [
        'import_id' => $id,
        'post_author' => $author,
        'post_date' => s($w->post_date),
        'post_date_gmt' => s($w->post_date_gmt),
        'post_content' => raw($item->children($CONTENT)->encoded),
        'post_excerpt' => raw($item->children($EXCERPT)->encoded),
        'post_title' => raw($item->title),
        'post_status' => $status,
        'post_name' => s($w->post_name),
        'comment_status' => s($w->comment_status),
        'ping_status' => s($w->ping_status),
        'guid' => s($item->guid),
        'post_parent' => (int) s($w->post_parent),
        'menu_order' => (int) s($w->menu_order),
        'post_type' => $type,
        'post_password' => raw($w->post_password),
    ];
    $counts[$type] = ($counts[$type] ?? 0) + 1;
    if ($type === 'attachment') {
        $url = s($w->attachment_url);
        $rel = ltrim(preg_replace('#^.*?/(\d{4}/\d{2}/[^/?]+)(\?.*)?$#', '$1', parse_url($url, PHP_URL_PATH)), '/');
        if (!preg_match('#^\d{4}/\d{2}/#', $rel)) { $rel = gmdate('Y/m/', strtotime($data['post_date'])) . basename($rel); }
        $path = $uploads['basedir'] . '/' . $rel;
        wp_mkdir_p(dirname($path));
        $ft = wp_check_filetype(basename($path));
        $data['post_mime_type'] = $ft['type'] ?: 'application/octet-stream';
        if (str_starts_with($data['post_mime_type'], 'image/')) {
            realwp_image($path, basename($path));
        } elseif (!file_exists($path)) {
            file_put_contents($path, str_repeat("\0", 1024));   // placeholder media file
        }
        $new = fail_if_error(wp_insert_attachment(wp_slash($data), $path, $data['post_parent'], true), "attachment $id");
        $meta = wp_generate_attachment_metadata($new, $path);
        wp_update_attachment_metadata($new, $meta);
    } else {
        $new = fail_if_error(wp_insert_post(wp_slash($data), true), "$type $id");
    }
    if ((int) $new !== $id && $type !== 'nav_menu_item') {
        fwrite(STDERR, "realwp: warning: $type $id got id $new\n");
    }
    // Terms, formats and menus.
    $by_tax = [];
    foreach ($item->category as $cat) {
        $tax = (string) $cat['domain'];
        $slug = (string) $cat['nicename'];
        if ($tax === '' || !taxonomy_exists($tax)) { continue; }
        if (!isset($terms[$tax][$slug])) {
            $ex = term_exists($slug, $tax);
            if (!$ex) { $ex = fail_if_error(wp_insert_term(wp_slash((string) $cat), $tax, ['slug' => $slug]), "term $tax/$slug"); }
            $terms[$tax][$slug] = (int) $ex['term_id'];
        }
        $by_tax[$tax][] = $terms[$tax][$slug];
    }
    foreach ($by_tax as $tax => $ids) {
        wp_set_object_terms($new, $ids, $tax);
    }
    // Postmeta, as the importer does (its own attachment bookkeeping aside).
    $meta_rows = [];
    foreach ($w->postmeta as $m) {
        $key = s($m->meta_key);
        if (in_array($key, ['_edit_lock', '_wp_attached_file', '_wp_attachment_metadata'], true)) { continue; }
        $meta_rows[] = [$key, raw($m->meta_value)];
    }
    if ($type === 'nav_menu_item') {
        $menu_items[$new] = $meta_rows;
    } else {
        foreach ($meta_rows as [$key, $value]) {
            add_post_meta($new, wp_slash($key), wp_slash_strings_only(maybe_unserialize($value)));
        }
    }
    if (s($w->is_sticky) === '1') { $sticky[] = $new; }
    if ($w->comment->count()) { $comments[$new] = $w->comment; }
}

// Menu items: object ids of taxonomy items point at the old site's term ids.
foreach ($menu_items as $id => $rows) {
    $meta = [];
    foreach ($rows as [$k, $v]) { $meta[$k] = $v; }
    if (($meta['_menu_item_type'] ?? '') === 'taxonomy') {
        $tax = $meta['_menu_item_object'] ?? '';
        $old = $meta['_menu_item_object_id'] ?? '';
        if (isset($old_terms[$tax][$old])) { $meta['_menu_item_object_id'] = (string) $old_terms[$tax][$old]; }
    }
    foreach ($meta as $k => $v) {
        update_post_meta($id, wp_slash($k), wp_slash_strings_only(maybe_unserialize($v)));
    }
}

foreach ($sticky as $id) { stick_post($id); }

// ---- comments (threaded: parents mapped to the new ids) ----------------------------------
$ncomments = 0;
foreach ($comments as $post_id => $list) {
    $rows = [];
    foreach ($list as $c) { $rows[(int) s($c->comment_id)] = $c; }
    ksort($rows);
    $map = [];
    $todo = $rows;
    while ($todo) {
        $progress = false;
        foreach ($todo as $old => $c) {
            $parent = (int) s($c->comment_parent);
            if ($parent && !isset($map[$parent]) && isset($rows[$parent])) { continue; }
            $cd = [
                'comment_post_ID' => $post_id,
                'comment_author' => s($c->comment_author),
                'comment_author_email' => s($c->comment_author_email),
                'comment_author_url' => s($c->comment_author_url),
                'comment_author_IP' => s($c->comment_author_IP),
                'comment_date' => s($c->comment_date),
                'comment_date_gmt' => s($c->comment_date_gmt),
                'comment_content' => raw($c->comment_content),
                'comment_approved' => s($c->comment_approved),
                'comment_type' => s($c->comment_type) === 'comment' ? 'comment' : s($c->comment_type),
                'comment_parent' => $parent ? ($map[$parent] ?? 0) : 0,
                'user_id' => $users[s($c->comment_author)] ?? 0,
            ];
            if ((int) s($c->comment_user_id) === 0) { $cd['user_id'] = 0; }
            $cid = wp_insert_comment(wp_slash($cd));
            if (!$cid) { fwrite(STDERR, "realwp: comment $old on $post_id failed\n"); exit(1); }
            foreach ($c->commentmeta as $m) {
                add_comment_meta($cid, wp_slash(s($m->meta_key)), wp_slash_strings_only(maybe_unserialize(raw($m->meta_value))));
            }
            $map[$old] = $cid;
            unset($todo[$old]);
            $progress = true;
            $ncomments++;
        }
        if (!$progress) { foreach ($todo as $k => $c) { $c->comment_parent = 0; } }
    }
}

wp_defer_term_counting(false);
wp_defer_comment_counting(false);
update_option('blogname', 'Theme Unit Test Site');
ksort($counts);
echo 'seeded: ' . json_encode($counts) . ", comments $ncomments, users " . count($users) . "\n";
