<?php
// Source: Tencent Cloud SES SMTP document (/work/shared/seed/tencent-ses-smtp-doc.zh.txt), "PHP 调用示例"
// (PHPMailer 6), re-joined where the PDF extraction broke lines.
// Changed, connection details only: Host, Port, Username/setFrom's address and Password come from the environment
// (SES_SMTP_HOST, SES_SMTP_PORT, SES_SMTP_USER, SES_SMTP_PASS); the document's host is 'smtp.qqcloudmail.com' (sic).
// The emulator's CA is trusted with PHP's openssl.cafile setting (`php -d openssl.cafile=ca.pem`, no code change).
// Run from a directory holding ./PHPMailer (a link to Debian's /usr/share/php/libphp-phpmailer) and ./tmp.txt, so
// the document's require lines and attachment path stay as they are.

use PHPMailer\PHPMailer\PHPMailer;
use PHPMailer\PHPMailer\SMTP;
use PHPMailer\PHPMailer\Exception;
require './PHPMailer/src/Exception.php';
require './PHPMailer/src/PHPMailer.php';
require './PHPMailer/src/SMTP.php';

$mail = new PHPMailer(true);

try {
    //Server settings
    $mail->SMTPDebug = SMTP::DEBUG_SERVER;                      //启用详细的调试输出
    $mail->SMTPAuth = true;                                     //启用SMTP身份验证
    // $mail->AuthType = 'LOGIN';
    $mail->isSMTP();                                            //使用SMTP发送邮件
    $mail->Host = getenv('SES_SMTP_HOST');                      //设置SMTP服务器地址
    $mail->Username = getenv('SES_SMTP_USER');                  //控制台配置的发信地址
    $mail->Password = getenv('SES_SMTP_PASS');                  //控制台设置的发信地址密码

    $mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;            //启用隐式TLS加密
    $mail->CharSet = PHPMailer::CHARSET_UTF8;
    $mail->CharSet = 'UTF-8';
    $mail->ContentType = 'text/plain; charset=UTF-8';
    $mail->Encoding = PHPMailer::ENCODING_BASE64;
    // $mail->Encoding = '8bit';
    $mail->Port = (int) getenv('SES_SMTP_PORT');                //设置TCP连接端口

    //Recipients
    $mail->setFrom(getenv('SES_SMTP_USER'), 'fromName');
    $mail->addAddress('test@test.com', 'toName');               //添加收件人
    // $mail->addAddress('ellen@example.com');
    // $mail->addReplyTo('info@example.com', 'Information');
    // $mail->addCC('cc@example.com');                          // (可选) 添加抄送
    // $mail->addBCC('bcc@example.com');                        // (可选) 添加密送

    //Attachments
    $mail->addAttachment('./tmp.txt');                          //添加附件
    // $mail->addAttachment('/tmp/image.jpg', 'new.jpg');       // (可选) 添加附件并指定名称

    //Content
    // $mail->isHTML(true);                                     // (可选) 设置邮件格式为HTML
    $mail->Subject = 'Here is the subject';
    $mail->Body = 'This is the HTML message body <b>in bold!</b>';
    // $mail->AltBody = 'This is the body in plain text for non-HTML mail clients';

    $mail->send();
    echo 'Message has been sent';
} catch (Exception $e) {
    echo "Message could not be sent. Mailer Error: {$mail->ErrorInfo}";
}
