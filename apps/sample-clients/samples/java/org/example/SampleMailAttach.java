// Source: Tencent Cloud SES SMTP document (/work/shared/seed/tencent-ses-smtp-doc.zh.txt), "Java 调用示例 › 发送附件"
// (JavaMail javax.mail), re-joined where the PDF extraction broke lines.
// Changed, connection details only: SMTP_HOST, SMTP_PORT, mail.user and the From address, mail.password
// come from the environment (SES_SMTP_HOST, SES_SMTP_PORT, SES_SMTP_USER, SES_SMTP_PASS). The two
// files to attach, "/Users/aaa/bbb/a.txt" and "/Users/aaa/bbb/b.txt" in the document, come from SES_SAMPLE_FILE_A
// and SES_SAMPLE_FILE_B (this machine has no /Users). The emulator's CA is trusted with -Djavax.net.ssl.trustStore
// (no code change).
package org.example;

import javax.activation.DataHandler;
import javax.activation.FileDataSource;
import javax.mail.*;
import javax.mail.internet.*;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

public class SampleMailAttach {
    private static final String SMTP_HOST = System.getenv("SES_SMTP_HOST");
    private static final String SMTP_PORT = System.getenv("SES_SMTP_PORT");

    public static void main(String[] args) {
        // 配置发送邮件的环境属性
        final Properties props = new Properties();
        // 表示SMTP发送邮件，需要进行身份验证
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.host", SMTP_HOST);
        // 如果使用ssl，则去掉使用25端口的配置，进行如下配置，
        props.put("mail.smtp.socketFactory.class",
            "javax.net.ssl.SSLSocketFactory");
        props.put("mail.smtp.socketFactory.port", SMTP_PORT);
        props.put("mail.smtp.port", SMTP_PORT);
        // 发件人的账号，填写控制台配置的发信地址，比如xxx@xxx.com
        props.put("mail.user", System.getenv("SES_SMTP_USER"));
        // 访问SMTP服务时需要提供的密码（在控制台选择发信地址进行设置）
        props.put("mail.password", System.getenv("SES_SMTP_PASS"));
        props.setProperty("mail.smtp.socketFactory.fallback", "false");
        props.put("mail.smtp.ssl.enable", "true");
        //props.put("mail.smtp.starttls.enable", "true");
        // 构建授权信息，用于进行SMTP进行身份验证
        Authenticator authenticator = new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication()
            {
                // 用户名、密码
                String userName = props.getProperty("mail.user");
                String password = props.getProperty("mail.password");
                return new PasswordAuthentication(userName, password);
            }
        };
        // 使用环境属性和授权信息, 创建邮件会话
        Session mailSession = Session.getInstance(props, authenticator);

        UUID uuid = UUID.randomUUID();
        final String messageIDValue = "<" + uuid.toString() + ">";
        //创建邮件消息
        MimeMessage message = new MimeMessage(mailSession) {
            @Override
            protected void updateMessageID() throws MessagingException {
                //设置自定义Message-ID值
                setHeader("Message-ID", messageIDValue);
            }
        };
        try {
            // 设置发件人邮件地址和名称。填写控制台配置的发信地址, 和mail.user保持一致。发信别名可以自定义, 如test。
            InternetAddress from = new InternetAddress(System.getenv("SES_SMTP_USER"),
                "test");
            message.setFrom(from);
            //可选。设置回信地址
            Address[] a = new Address[1];
            a[0] = new InternetAddress("xxx@xxx.com");
            message.setReplyTo(a);
            //设置收件人邮件地址, 比如yyy@yyy.com
            InternetAddress to = new InternetAddress("xxx@xxx.com");
            message.setRecipient(MimeMessage.RecipientType.TO, to);
            //如果同时发给多人, 才将上面两行替换为如下 (因为部分收信系统的一些限制, 尽量每次投递给一个人; 同时我们限制单次允许发送的人数是50人):
            /*InternetAddress[] adds = new InternetAddress[2];
            adds[0] = new InternetAddress("xxx@xxx.com");
            adds[1] = new InternetAddress("xxx@xxx.com");
            message.setRecipients(Message.RecipientType.TO, adds);*/

            // 设置邮件标题
            message.setSubject("测试邮件");
            //发送附件, 总的邮件大小不超过10M, 创建消息部分
            BodyPart messageBodyPart = new MimeBodyPart();
            //消息 text/plain (纯文本) text/html (HTML 文档)
            messageBodyPart.setText("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>hello world</title>\n</head>\n<body>\n " +
                "<h1>我的第一个标题</h1>\n                <p>我的第一个段落。</p>\n</body>\n</html>");
            messageBodyPart.setHeader("Content-Type",
                "text/plain;charset=utf-8");
            //创建多重消息
            Multipart multipart = new MimeMultipart();
            //设置文本消息部分
            multipart.addBodyPart(messageBodyPart);
            //附件部分
            messageBodyPart = new MimeBodyPart();
            //设置要发送附件的文件路径
            String filename = System.getenv("SES_SAMPLE_FILE_A");
            FileDataSource source = new FileDataSource(filename);
            messageBodyPart.setDataHandler(new DataHandler(source));
            //处理附件名称中文（附带文件路径）乱码问题
            String filenameEncode = MimeUtility.encodeText(filename,
                "UTF-8", "base64");
            messageBodyPart.setFileName(filenameEncode);
            messageBodyPart.setHeader("Content-Transfer-Encoding",
                "base64");
            messageBodyPart.setHeader("Content-Disposition",
                "attachment");
            messageBodyPart.setHeader("Content-Type",
                "application/octet-stream;name=\"" + filenameEncode + "\"");
            multipart.addBodyPart(messageBodyPart);

            //附件部分,多个附件,分为多个part
            BodyPart messageBodyPart1 = new MimeBodyPart();
            //设置要发送附件的文件路径
            String filename1 = System.getenv("SES_SAMPLE_FILE_B");
            FileDataSource source1 = new FileDataSource(filename1);
            messageBodyPart1.setDataHandler(new DataHandler(source1));
            //处理附件名称中文（附带文件路径）乱码问题
            String filenameEncode1 = MimeUtility.encodeText(filename1,
                "UTF-8", "base64");
            messageBodyPart1.setHeader("Content-Transfer-Encoding",
                "base64");
            messageBodyPart1.setHeader("Content-Disposition",
                "attachment");
            messageBodyPart1.setHeader("Content-Type",
                "application/octet-stream;name=\"" + filenameEncode1 + "\"");
            multipart.addBodyPart(messageBodyPart1);

            //发送含有附件的完整消息
            message.setContent(multipart);
            //发送附件代码，结束
            //发送邮件
            Transport.send(message);
        } catch (MessagingException | UnsupportedEncodingException e) {
            String err = e.getMessage();
            err = new String(err.getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
            System.out.println(err);
        }
    }
}
