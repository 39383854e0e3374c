import { useState } from 'react';
import { Alert, Button, Form, Input, Radio, Result, Select, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { OrganisationKind, Role } from '../../../gql/graphql';
import { describeApiError, formFieldErrors } from '../../../shared/lib/graphql-errors';
import { AuthCard } from '../components/AuthCard';
import { OrganisationsQuery, RegisterMutation } from '../operations';

interface Values {
  displayName: string;
  email: string;
  password: string;
  role: Role;
  organisationChoice: 'join' | 'create';
  organisationId?: string;
  newOrganisationName?: string;
  newOrganisationKind?: OrganisationKind;
}

const ROLES: Role[] = ['RESEARCHER', 'TTO_OFFICER', 'ENTERPRISE_MEMBER', 'BROKER'];
/** Registration may create only enterprises and agencies (the API's rule); institutions are joined. */
const CREATABLE_KINDS: OrganisationKind[] = ['ENTERPRISE', 'BROKER_AGENCY'];
const FIELDS = ['displayName', 'email', 'password', 'role', 'organisationId', 'name', 'kind'] as const;

export default function RegisterPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const invitationToken = params.get('invitation') ?? undefined;
  const [form] = Form.useForm<Values>();
  const choice = Form.useWatch('organisationChoice', form) ?? 'join';
  const { data: organisations, loading: organisationsLoading } = useQuery(OrganisationsQuery, { variables: {} });
  const [register, { loading }] = useMutation(RegisterMutation);
  const [receipt, setReceipt] = useState<{ message: string; joined: boolean } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setFailure(null);
    try {
      const joining = values.organisationChoice === 'join' && !invitationToken;
      const { data } = await register({
        variables: {
          input: {
            displayName: values.displayName,
            email: values.email.trim(),
            password: values.password,
            role: values.role,
            locale: i18n.language === 'en' ? 'en' : 'zh',
            invitationToken,
            organisationId: joining ? values.organisationId : undefined,
            newOrganisation:
              values.organisationChoice === 'create' && values.newOrganisationName && values.newOrganisationKind
                ? { name: values.newOrganisationName, kind: values.newOrganisationKind }
                : undefined,
          },
        },
      });
      if (data) setReceipt({ message: data.register.message, joined: joining });
    } catch (error) {
      const problem = describeApiError(error);
      const fields = formFieldErrors(problem, FIELDS).map(({ name, errors }) => ({
        name:
          name === 'name'
            ? ('newOrganisationName' as const)
            : name === 'kind'
              ? ('newOrganisationKind' as const)
              : name,
        errors,
      }));
      if (fields.length > 0) form.setFields(fields);
      else setFailure(problem.message);
    }
  };

  if (receipt) {
    return (
      <AuthCard title={t('auth.registered')}>
        <Result
          status="success"
          title={t('auth.registered')}
          subTitle={receipt.message}
          extra={[
            receipt.joined ? (
              <Alert
                key="pending"
                type="info"
                showIcon
                title={t('workspace.status.PENDING')}
                description={t('auth.joinHint')}
              />
            ) : null,
            <Link key="sign-in" to="/sign-in">
              <Button type="primary" style={{ marginTop: 16 }}>
                {t('auth.toSignIn')}
              </Button>
            </Link>,
          ]}
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.registerTitle')}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'RESEARCHER', organisationChoice: 'join' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="displayName"
          label={t('auth.displayName')}
          rules={[{ required: true, whitespace: true, message: t('auth.displayNameRequired') }]}
        >
          <Input autoComplete="name" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('auth.email')}
          rules={[
            { required: true, message: t('auth.emailRequired') },
            { type: 'email', message: t('auth.emailInvalid') },
          ]}
        >
          <Input autoComplete="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {!invitationToken && (
          <>
            <Form.Item name="role" label={t('auth.role')}>
              <Select options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
            </Form.Item>
            <Form.Item name="organisationChoice" label={t('auth.organisationChoice')}>
              <Radio.Group
                options={[
                  { value: 'join', label: t('auth.joinExisting') },
                  { value: 'create', label: t('auth.createNew') },
                ]}
              />
            </Form.Item>
            {choice === 'join' ? (
              <>
                <Form.Item
                  name="organisationId"
                  label={t('auth.organisation')}
                  rules={[{ required: true, message: t('auth.organisationRequired') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={organisationsLoading}
                    options={(organisations?.organisations ?? []).map((org) => ({ value: org.id, label: org.name }))}
                  />
                </Form.Item>
                <Typography.Paragraph type="secondary">{t('auth.joinHint')}</Typography.Paragraph>
              </>
            ) : (
              <>
                <Form.Item
                  name="newOrganisationName"
                  label={t('auth.newOrganisationName')}
                  rules={[{ required: true, whitespace: true }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  name="newOrganisationKind"
                  label={t('auth.newOrganisationKind')}
                  rules={[{ required: true }]}
                >
                  <Select options={CREATABLE_KINDS.map((kind) => ({ value: kind, label: t(`orgKinds.${kind}`) }))} />
                </Form.Item>
              </>
            )}
          </>
        )}
        <Button type="primary" htmlType="submit" block loading={loading}>
          {t('auth.register')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('auth.hasAccount')} <Link to="/sign-in">{t('auth.signIn')}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
