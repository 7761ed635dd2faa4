<?php
/**
 * Router for `php -S 127.0.0.1:PORT -t /usr/share/wordpress router.php` (Debian's WordPress).
 * Static core files: served by the built-in server. /wp-content/...: from WP_CONTENT_DIR
 * (/var/lib/wordpress), .php never executed there. Real .php files run themselves; everything
 * else goes to index.php so pretty permalinks work.
 */
$root = '/usr/share/wordpress';
$content = '/var/lib/wordpress/wp-content';
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if (str_contains($path, "\0") || str_contains($path, '/../') || str_ends_with($path, '/..')) {
    http_response_code(400);
    return true;
}

if (str_starts_with($path, '/wp-content/')) {
    $file = $content . substr($path, strlen('/wp-content'));
    $real = realpath($file);
    $ok = $real && is_file($real)
        && (str_starts_with($real, $content . '/') || str_starts_with($real, $root . '/wp-content/'));
    if (!$ok || preg_match('/\.(php|phtml|phar)$/i', $real)) {
        http_response_code(404);
        header('Content-Type: text/plain');
        echo "Not Found\n";
        return true;
    }
    $types = [
        'css' => 'text/css', 'js' => 'application/javascript', 'json' => 'application/json',
        'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg', 'png' => 'image/png', 'gif' => 'image/gif',
        'webp' => 'image/webp', 'svg' => 'image/svg+xml', 'ico' => 'image/x-icon',
        'woff' => 'font/woff', 'woff2' => 'font/woff2', 'ttf' => 'font/ttf', 'otf' => 'font/otf',
        'mp3' => 'audio/mpeg', 'mp4' => 'video/mp4', 'mov' => 'video/quicktime', 'ogg' => 'audio/ogg',
        'pdf' => 'application/pdf', 'txt' => 'text/plain', 'xml' => 'application/xml', 'html' => 'text/html',
    ];
    $ext = strtolower(pathinfo($real, PATHINFO_EXTENSION));
    header('Content-Type: ' . ($types[$ext] ?? 'application/octet-stream'));
    header('Content-Length: ' . filesize($real));
    header('Last-Modified: ' . gmdate('D, d M Y H:i:s', filemtime($real)) . ' GMT');
    if ($_SERVER['REQUEST_METHOD'] !== 'HEAD') { readfile($real); }
    return true;
}

$file = $root . $path;
if (is_dir($file) && is_file(rtrim($file, '/') . '/index.php')) {
    if (!str_ends_with($path, '/')) {       // /wp-admin -> /wp-admin/
        header('Location: ' . $path . '/', true, 301);
        return true;
    }
    $path .= 'index.php';
    $file = $root . $path;
}
if (is_file($file) && !str_ends_with($file, '.php')) {
    return false;                           // static core file: the built-in server sends it
}
if (!is_file($file)) {                      // pretty permalink
    $path = '/index.php';
    $file = $root . $path;
}
$_SERVER['SCRIPT_NAME'] = $path;
$_SERVER['PHP_SELF'] = $path;
$_SERVER['SCRIPT_FILENAME'] = $file;
chdir(dirname($file));
require $file;
return true;
