// Source: Tencent Cloud SES SMTP document (/work/shared/seed/tencent-ses-smtp-doc.zh.txt), "Go 调用示例" (Go 1.16,
// net/smtp), re-joined where the PDF extraction broke lines.
// Changed, connection details only: host, port, email and password come from the environment (SES_SMTP_HOST,
// SES_SMTP_PORT, SES_SMTP_USER, SES_SMTP_PASS), hence the added "os" and "strconv" imports. The emulator's CA is
// trusted with SSL_CERT_FILE, which Go's crypto/x509 reads on Linux (no code change).
package main

import (
	"crypto/tls"
	"fmt"
	"log"
	"net"
	"net/smtp"
	"os"
	"strconv"
)

// Test465 for port 465
func Test465() error {
	host := os.Getenv("SES_SMTP_HOST")
	port, _ := strconv.Atoi(os.Getenv("SES_SMTP_PORT"))
	//控制台创建的发信地址
	email := os.Getenv("SES_SMTP_USER")
	//控制台设置的SMTP密码
	password := os.Getenv("SES_SMTP_PASS")
	toEmail := "test@test123.com"
	ccEmail := "cc@test123.com"
	bccEmail := "bcc@test123.com"
	header := make(map[string]string)
	header["From"] = "test " + "<" + email + ">"
	header["To"] = toEmail
	header["Cc"] = ccEmail
	header["Bcc"] = bccEmail
	header["Subject"] = "test subject"
	//html格式邮件
	header["Content-Type"] = "text/html; charset=UTF-8"
	body := "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>hello world</title>\n</head>\n<body>\n " +
		"<h1>我的第一个标题</h1>\n    <p>我的第一个段落。</p>\n</body>\n</html>"
	//纯文本格式邮件
	//header["Content-Type"] = "text/plain; charset=UTF-8"
	//body := "test body"
	message := ""
	for k, v := range header {
		message += fmt.Sprintf("%s: %s\r\n", k, v)
	}
	message += "\r\n" + body
	auth := smtp.PlainAuth(
		"",
		email,
		password,
		host,
	)
	err := SendMailWithTLS(
		fmt.Sprintf("%s:%d", host, port),
		auth,
		email,
		[]string{toEmail},
		[]byte(message),
	)
	if err != nil {
		fmt.Println("Send email error:", err)
	} else {
		fmt.Println("Send mail success!")
	}
	return err
}

// Dial return a smtp client
func Dial(addr string) (*smtp.Client, error) {
	conn, err := tls.Dial("tcp", addr, nil)
	if err != nil {
		log.Println("tls.Dial Error:", err)
		return nil, err
	}

	host, _, _ := net.SplitHostPort(addr)
	return smtp.NewClient(conn, host)
}

// SendMailWithTLS send email with tls
func SendMailWithTLS(addr string, auth smtp.Auth, from string,
	to []string, msg []byte) (err error) {
	//create smtp client
	c, err := Dial(addr)
	if err != nil {
		log.Println("Create smtp client error:", err)
		return err
	}
	defer c.Close()
	if auth != nil {
		if ok, _ := c.Extension("AUTH"); ok {
			if err = c.Auth(auth); err != nil {
				log.Println("Error during AUTH", err)
				return err
			}
		}
	}
	if err = c.Mail(from); err != nil {
		return err
	}
	for _, addr := range to {
		if err = c.Rcpt(addr); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	_, err = w.Write(msg)
	if err != nil {
		return err
	}
	err = w.Close()
	if err != nil {
		return err
	}
	return c.Quit()
}

func main() {
	Test465()
}
